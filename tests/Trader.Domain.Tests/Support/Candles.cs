using Trader.Domain.Market;

namespace Trader.Domain.Tests.Support;

/// <summary>Synthetic one-minute OHLCV series.</summary>
internal static class Candles
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>One candle per minute whose close follows <paramref name="closeAt"/>(minute index).</summary>
    public static List<Candle> Series(int minutes, Func<int, decimal> closeAt, Func<int, decimal>? volumeAt = null, DateTimeOffset? start = null)
    {
        var list = new List<Candle>(minutes);
        var previous = closeAt(0);
        for (var i = 0; i < minutes; i++)
        {
            var close = closeAt(i);
            list.Add(new Candle((start ?? Start).AddMinutes(i), previous, Math.Max(previous, close), Math.Min(previous, close), close,
                volumeAt?.Invoke(i) ?? 10m));
            previous = close;
        }
        return list;
    }
}
