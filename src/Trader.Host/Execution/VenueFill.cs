using Trader.State.Fills;

namespace Trader.Host.Execution;

/// <summary>One fill of a venue order: price, base size, fee in quote currency.</summary>
public sealed record VenueFill(string TradeId, decimal Price, decimal Size, decimal Fee, Liquidity Liquidity, DateTimeOffset Ts);
