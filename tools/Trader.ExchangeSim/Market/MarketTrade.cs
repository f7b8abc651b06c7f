namespace Trader.ExchangeSim.Market;

/// <summary>A public trade. <see cref="MakerSide"/> is the side as Coinbase prints it (the maker's side).</summary>
internal sealed record MarketTrade(string TradeId, string ProductId, decimal Price, decimal Size, string MakerSide, DateTimeOffset Time);
