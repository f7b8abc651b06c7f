namespace Trader.Domain.Market;

/// <summary>
/// What the decision stages see of one product at the start of a cycle: the guarded quote, the close of the last
/// closed one-minute candle (what a position is marked at without a quote), health and staleness as computed by the
/// Rx guards on the clock. The candle history itself is not part of the view: the triggers read the incremental
/// indicators (<c>IndicatorBook</c>), so taking a view costs the same whatever the history length.
/// </summary>
public sealed record ProductMarketView(
    string ProductId,
    Quote? Quote,
    decimal? LastClose,
    decimal Volume24hUsd,
    ProductInfo Info,
    ProductHealth Health,
    bool QuoteStale,
    bool OhlcvStale);
