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
    private readonly Thread _loop;
    private long _offsetTicks;
    private int _requests;

    public SntpResponder(Func<DateTimeOffset> now, TimeSpan offset = default)
    {
        _now = now;
        Offset = offset;
        _loop = new Thread(Loop) { IsBackground = true, Name = "sntp-responder" };
        _loop.Start();
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

    /// <summary>
    /// A dedicated thread with blocking socket calls, so a busy test host's thread pool cannot delay the answer (a
    /// processing delay d shows up as d/2 of offset): T2 is stamped right after the receive, T3 right before the send.
    /// </summary>
    private void Loop()
    {
        var buffer = new byte[512];
        while (!_stop.IsCancellationRequested)
        {
            EndPoint remote = new IPEndPoint(IPAddress.Any, 0);
            int length;
            try
            {
                length = _udp.Client.ReceiveFrom(buffer, ref remote);
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
                return;
            }
            var received = NtpTimestamp.FromTime(_now() + Offset);
            Interlocked.Increment(ref _requests);
            if (Silent || !SntpPacket.TryRead(buffer.AsSpan(0, length), out var request)) continue;
            var transmit = NtpTimestamp.FromTime(_now() + Offset);
            var reply = new SntpPacket(LeapIndicator, request.Version, SntpPacket.ServerMode, Stratum, 0x54455354 /* TEST */,
                received, request.TransmitTimestamp, received, transmit);
            try
            {
                _udp.Client.SendTo(reply.ToBytes(), remote);
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _udp.Dispose();
        _loop.Join(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }
}
