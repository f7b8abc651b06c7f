namespace Trader.ExchangeSim.Market;

/// <summary>One OHLCV bar built from trades; <see cref="Start"/> is its opening instant.</summary>
internal sealed class CandleBar
{
    public CandleBar(DateTimeOffset start, decimal price, decimal size)
    {
        Start = start;
        Open = High = Low = Close = price;
        Volume = size;
    }

    public DateTimeOffset Start { get; }
    public decimal Open { get; private set; }
    public decimal High { get; private set; }
    public decimal Low { get; private set; }
    public decimal Close { get; private set; }
    public decimal Volume { get; private set; }

    public void Add(decimal price, decimal size)
    {
        if (price > High) High = price;
        if (price < Low) Low = price;
        Close = price;
        Volume += size;
    }

    public void Merge(CandleBar later)
    {
        if (later.High > High) High = later.High;
        if (later.Low < Low) Low = later.Low;
        Close = later.Close;
        Volume += later.Volume;
    }

    public CandleBar CopyAt(DateTimeOffset start)
    {
        var copy = new CandleBar(start, Open, 0m);
        copy.High = High;
        copy.Low = Low;
        copy.Close = Close;
        copy.Volume = Volume;
        return copy;
    }
}
