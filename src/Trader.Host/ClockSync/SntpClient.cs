using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Trader.Host.ClockSync;

/// <summary>
/// A unicast SNTP client (RFC 4330) over UDP. T1 (request sent) and T4 (reply received) are read from the injected
/// <see cref="TimeProvider"/>, T2 and T3 come from the server, and
/// offset = ((T2 − T1) + (T3 − T4)) / 2, round trip = (T4 − T1) − (T3 − T2). The wait for a reply is bounded by
/// <see cref="Timeout"/> on the same clock. A reply counts only when it is a server-mode message that echoes our
/// transmit timestamp (so a stray or spoofed datagram is ignored), is not a kiss-o'-death (stratum 0), does not
/// carry the "unsynchronized" alarm and has a transmit timestamp. Never throws for a bad or missing answer: the
/// reading says why.
/// </summary>
public sealed class SntpClient(TimeProvider time, TimeSpan timeout)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);

    public TimeSpan Timeout { get; } = timeout;

    public async Task<ServerReading> QueryAsync(NtpServerAddress server, CancellationToken cancel)
    {
        var name = server.ToString();
        using var deadline = new CancellationTokenSource(Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancel);
        try
        {
            var address = await ResolveAsync(server.Host, linked.Token);
            if (address is null) return ServerReading.Failed(name, $"{server.Host} does not resolve to an address");

            using var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            await socket.ConnectAsync(new IPEndPoint(address, server.Port), linked.Token);
            var t1 = time.GetUtcNow();
            var sent = NtpTimestamp.FromTime(t1);
            await socket.SendAsync(SntpPacket.Request(sent).ToBytes(), SocketFlags.None, linked.Token);

            var buffer = new byte[512];
            while (true)
            {
                var length = await socket.ReceiveAsync(buffer, SocketFlags.None, linked.Token);
                var t4 = time.GetUtcNow();
                if (!SntpPacket.TryRead(buffer.AsSpan(0, length), out var reply) || reply.Mode != SntpPacket.ServerMode || reply.OriginateTimestamp != sent)
                    continue; // not an answer to this request: keep waiting until the deadline
                if (reply.Stratum == 0)
                    return ServerReading.Failed(name, $"kiss-o'-death {reply.KissCode()} (the server refuses to answer)");
                if (reply.LeapIndicator == SntpPacket.AlarmLeap)
                    return ServerReading.Failed(name, "the server says its own clock is not synchronized");
                if (reply.TransmitTimestamp == 0)
                    return ServerReading.Failed(name, "the reply has no transmit timestamp");

                var t2 = NtpTimestamp.ToTime(reply.ReceiveTimestamp);
                var t3 = NtpTimestamp.ToTime(reply.TransmitTimestamp);
                var offset = ((t2 - t1) + (t3 - t4)) / 2;
                var roundTrip = (t4 - t1) - (t3 - t2);
                return new ServerReading(name, offset, roundTrip < TimeSpan.Zero ? TimeSpan.Zero : roundTrip, reply.Stratum, null);
            }
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            return ServerReading.Failed(name, $"no answer within {Timeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms");
        }
        catch (SocketException e)
        {
            return ServerReading.Failed(name, e.SocketErrorCode switch
            {
                SocketError.ConnectionRefused or SocketError.ConnectionReset => "no NTP service on that port (connection refused)",
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => $"{server.Host} does not resolve ({e.SocketErrorCode})",
                _ => $"network error {e.SocketErrorCode}",
            });
        }
    }

    private static async Task<IPAddress?> ResolveAsync(string host, CancellationToken cancel)
    {
        if (IPAddress.TryParse(host, out var literal)) return literal;
        var addresses = await Dns.GetHostAddressesAsync(host, cancel);
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
    }
}
