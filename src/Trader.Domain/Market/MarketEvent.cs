namespace Trader.Domain.Market;

/// <summary>
/// A typed market event from one Coinbase frame (or a capture of it). <see cref="TsEvent"/> is venue time
/// from the frame; <see cref="TsRecv"/> is our clock when the frame arrived (stamped once, at the edge).
/// </summary>
public abstract record MarketEvent(string ProductId, DateTimeOffset TsEvent, DateTimeOffset TsRecv);
