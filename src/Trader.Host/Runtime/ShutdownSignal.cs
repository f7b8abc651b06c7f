using System.Runtime.InteropServices;

namespace Trader.Host.Runtime;

/// <summary>
/// SIGTERM and SIGINT (Ctrl+C) request a graceful stop instead of killing the process (NFR-R1): the token is
/// cancelled and the service drains within its deadline.
/// </summary>
public sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _requested = new();
    private readonly List<PosixSignalRegistration> _registrations = [];

    public ShutdownSignal()
    {
        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGQUIT })
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                Signal = context.Signal.ToString();
                _requested.Cancel();
            }));
        }
    }

    public CancellationToken Token => _requested.Token;

    public string? Signal { get; private set; }

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _requested.Dispose();
    }
}
