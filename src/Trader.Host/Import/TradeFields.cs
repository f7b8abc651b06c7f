namespace Trader.Host.Import;

/// <summary>One trade of a <c>market_trades</c> event; <see cref="MakerSide"/> is "BUY" or "SELL" (the maker's side).</summary>
public sealed record TradeFields(string TradeId, string ProductId, decimal Price, decimal Size, string MakerSide, DateTimeOffset Time);
