namespace Trader.Coinbase.Feed;

/// <summary>
/// One WebSocket message as received: the connection it came on, our clock when it arrived (stamped once, at
/// the edge) and its bytes, untouched, for capture and parsing.
/// </summary>
public readonly record struct ReceivedFrame(long ConnectionId, DateTimeOffset TsRecv, ReadOnlyMemory<byte> Bytes);
