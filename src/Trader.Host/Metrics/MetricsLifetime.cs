using Microsoft.Extensions.Hosting;

namespace Trader.Host.Metrics;

/// <summary>The metrics server lives inside the trader process: it must not take over Ctrl+C or SIGTERM.</summary>
internal sealed class MetricsLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
