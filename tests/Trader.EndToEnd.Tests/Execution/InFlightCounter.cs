namespace Trader.EndToEnd.Tests.Execution;

/// <summary>
/// Counts HTTP requests on the wire, so a test driving a virtual clock never moves it while a request waits for the
/// simulator (the simulator's own timers would otherwise run the clock past the request's JWT expiry).
/// </summary>
public sealed class InFlightCounter : DelegatingHandler
{
    private int _inFlight;

    public InFlightCounter() : base(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, MaxConnectionsPerServer = 16 })
    {
    }

    public int InFlight => Volatile.Read(ref _inFlight);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            // The body is read after SendAsync returns (ResponseHeadersRead or not): buffer it while still counted.
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            return response;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
