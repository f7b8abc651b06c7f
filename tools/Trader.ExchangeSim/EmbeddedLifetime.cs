using Microsoft.Extensions.Hosting;

namespace Trader.ExchangeSim;

/// <summary>A host lifetime that does not hook Ctrl+C/SIGTERM: whoever embeds the simulator decides when it stops.</summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
