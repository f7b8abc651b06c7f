using System.Net;
using System.Net.Sockets;
using Trader.Host.ClockSync;

namespace Trader.Host.Tests.ClockSync;

/// <summary>
/// A small SNTP server on 127.0.0.1 for tests: answers every request with the time of <c>now()</c> shifted by
/// <see cref="Offset"/> (so the client's clock reads as that much behind), or stays silent, or answers with a
/// chosen stratum / leap indicator. Counts the requests it saw.
/// </summary>
public sealed class SntpResponder : IDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly Func<DateTimeOffset> _now;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _offsetTicks;
    private int _requests;

    public SntpResponder(Func<DateTimeOffset> now, TimeSpan offset = default)
    {
        _now = now;
        Offset = offset;
        _loop = Task.Run(LoopAsync);
    }

    public int Port => ((IPEndPoint)_udp.Client.LocalEndPoint!).Port;

    /// <summary>The <c>host:port</c> entry for <c>clock.ntp_servers</c>.</summary>
    public string Server => $"127.0.0.1:{Port}";

    public TimeSpan Offset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
        set => Interlocked.Exchange(ref _offsetTicks, value.Ticks);
    }

    public volatile bool Silent;

    public volatile int Stratum = 2;

    public volatile int LeapIndicator;

    public int Requests => Volatile.Read(ref _requests);

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult received;
            try
            {
                received = await _udp.ReceiveAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            Interlocked.Increment(ref _requests);
            if (Silent || !SntpPacket.TryRead(received.Buffer, out var request)) continue;
            var serverTime = NtpTimestamp.FromTime(_now() + Offset);
            var reply = new SntpPacket(LeapIndicator, request.Version, SntpPacket.ServerMode, Stratum, 0x54455354 /* TEST */,
                serverTime, request.TransmitTimestamp, serverTime, serverTime);
            await _udp.SendAsync(reply.ToBytes(), received.RemoteEndPoint);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _udp.Dispose();
        _loop.Wait(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }
}
