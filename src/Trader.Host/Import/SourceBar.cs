namespace Trader.Host.Import;

/// <summary>
/// One OHLCV bar of one product from a shipped file. Prices are the trade prices (trade bars, candles) or the
/// mid (LEAN quote bars, whose real bid/ask OHLC are in <see cref="Bid"/> and <see cref="Ask"/>).
/// Volume is in base units; <see cref="BidSize"/>/<see cref="AskSize"/> are LEAN's last sizes at the close.
/// </summary>
public sealed record SourceBar(
    DateTimeOffset Start,
    decimal Open,
    decimal High,
    decimal Low,
    decimal Close,
    decimal Volume,
    Ohlc? Bid = null,
    Ohlc? Ask = null,
    decimal BidSize = 0m,
    decimal AskSize = 0m);
