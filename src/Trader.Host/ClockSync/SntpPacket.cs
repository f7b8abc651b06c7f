using System.Buffers.Binary;

namespace Trader.Host.ClockSync;

/// <summary>
/// The 48-byte SNTP message (RFC 4330 §4): leap indicator, version, mode, stratum, poll, precision, root delay and
/// dispersion, reference identifier, then the reference, originate, receive and transmit timestamps.
/// </summary>
public readonly record struct SntpPacket(
    int LeapIndicator,
    int Version,
    int Mode,
    int Stratum,
    uint ReferenceId,
    ulong ReferenceTimestamp,
    ulong OriginateTimestamp,
    ulong ReceiveTimestamp,
    ulong TransmitTimestamp)
{
    public const int Size = 48;
    public const int ClientMode = 3;
    public const int ServerMode = 4;
    public const int AlarmLeap = 3;

    /// <summary>A client request (version 4, mode 3) whose transmit timestamp is T1, as RFC 4330 §5 asks.</summary>
    public static SntpPacket Request(ulong transmitTimestamp) => new(0, 4, ClientMode, 0, 0, 0, 0, 0, transmitTimestamp);

    public byte[] ToBytes()
    {
        var bytes = new byte[Size];
        bytes[0] = (byte)((LeapIndicator << 6) | (Version << 3) | Mode);
        bytes[1] = (byte)Stratum;
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(12), ReferenceId);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(16), ReferenceTimestamp);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(24), OriginateTimestamp);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(32), ReceiveTimestamp);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(40), TransmitTimestamp);
        return bytes;
    }

    /// <summary>Reads a message; false when it is shorter than 48 bytes (extension fields and the MAC, if any, are ignored).</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out SntpPacket packet)
    {
        packet = default;
        if (bytes.Length < Size) return false;
        packet = new SntpPacket(
            bytes[0] >> 6,
            (bytes[0] >> 3) & 0x7,
            bytes[0] & 0x7,
            bytes[1],
            BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[32..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[40..]));
        return true;
    }

    /// <summary>The four ASCII characters of a kiss-o'-death reference id (stratum 0), e.g. <c>RATE</c> or <c>DENY</c>.</summary>
    public string KissCode()
    {
        Span<byte> ascii = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(ascii, ReferenceId);
        foreach (ref var b in ascii)
            if (b is < 0x20 or > 0x7E) b = (byte)'?';
        return System.Text.Encoding.ASCII.GetString(ascii);
    }
}
