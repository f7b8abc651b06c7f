namespace Trader.Domain.Market;

/// <summary>A <c>heartbeats</c> frame; carries no product (ProductId is empty).</summary>
public sealed record HeartbeatEvent(long Counter, DateTimeOffset TsEvent, DateTimeOffset TsRecv)
    : MarketEvent(string.Empty, TsEvent, TsRecv);
