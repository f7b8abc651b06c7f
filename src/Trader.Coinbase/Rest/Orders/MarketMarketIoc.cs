namespace Trader.Coinbase.Rest.Orders;

/// <summary><c>market_market_ioc</c>: exactly one of <see cref="QuoteSize"/> (usual for buys) or <see cref="BaseSize"/> (sells).</summary>
public sealed record MarketMarketIoc(decimal? QuoteSize = null, decimal? BaseSize = null);
