namespace Trader.Host.Import;

/// <summary>Open, high, low and close of one price series within a bar.</summary>
public readonly record struct Ohlc(decimal Open, decimal High, decimal Low, decimal Close)
{
    public bool IsValid => Low > 0m && Low <= High && Open >= Low && Open <= High && Close >= Low && Close <= High;
}
