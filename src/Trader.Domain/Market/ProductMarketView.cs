namespace Trader.Domain.Market;

/// <summary>
/// What the decision stages see of one product at the start of a cycle: the guarded quote, the closed
/// one-minute candles (oldest first), health and staleness as computed by the Rx guards on the clock.
/// </summary>
public sealed record ProductMarketView(
    string ProductId,
    Quote? Quote,
    IReadOnlyList<Candle> Candles,
    decimal Volume24hUsd,
    ProductInfo Info,
    ProductHealth Health,
    bool QuoteStale,
    bool OhlcvStale);
