namespace Trader.Domain.Market;

/// <summary>
/// What the decision stages see of one product at the start of a cycle: the guarded quote, the last closed
/// one-minute candle, health and staleness as computed by the Rx guards on the clock. The candle history itself
/// is not part of the view: the triggers read the incremental indicators (<c>IndicatorBook</c>), so taking a view
/// costs the same whatever the history length.
/// </summary>
public sealed record ProductMarketView(
    string ProductId,
    Quote? Quote,
    Candle? LastCandle,
    decimal Volume24hUsd,
    ProductInfo Info,
    ProductHealth Health,
    bool QuoteStale,
    bool OhlcvStale);
