namespace Trader.Coinbase.Capture;

/// <summary>
/// One frame read from a capture: our receive time (unix ms) and the frame's bytes exactly as recorded.
/// <see cref="Frame"/> points into the reader's buffer and is valid only until the reader's next read.
/// </summary>
public readonly record struct CaptureFrame(long RecvUnixMs, ReadOnlyMemory<byte> Frame, long LineNumber)
{
    public DateTimeOffset TsRecv => DateTimeOffset.FromUnixTimeMilliseconds(RecvUnixMs);
}
