namespace Trader.Domain.Market;

/// <summary>A one-minute OHLCV bar; volume in base units. <see cref="Close"/> time is Start + 1 minute.</summary>
public readonly record struct Candle(DateTimeOffset Start, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume)
{
    public static readonly TimeSpan Length = TimeSpan.FromMinutes(1);

    public DateTimeOffset End => Start + Length;
}
