namespace Trader.Pipeline.Guards;

/// <summary>Fresh data of one kind for one product, stamped with the time its age is measured from.</summary>
public readonly record struct FreshnessMark(string ProductId, FreshnessKind Kind, DateTimeOffset At)
{
    public static FreshnessMark Quote(string productId, DateTimeOffset tsRecv) => new(productId, FreshnessKind.Quote, tsRecv);

    public static FreshnessMark Ohlcv(string productId, DateTimeOffset candleClose) => new(productId, FreshnessKind.Ohlcv, candleClose);
}
