using Trader.Domain.Market;
using Trader.Host.Backtest;

namespace Trader.Host.Tests.Backtest;

public sealed class CandlePrefetchTests
{
    [Fact]
    public void A_prefetch_at_every_index_of_short_and_long_series_changes_nothing_and_never_reads_past_the_end()
    {
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var length in new[] { 0, 1, CandlePrefetch.MinutesAhead, CandlePrefetch.MinutesAhead + 1, 100 })
        {
            var candles = Enumerable.Range(0, length)
                .Select(i => new Candle(t0.AddMinutes(i), 100m + i, 101m + i, 99m + i, 100.5m + i, 1m + i)).ToArray();
            var before = candles.ToArray();
            for (var i = -1; i <= length + 1; i++) CandlePrefetch.Ahead(candles, i);
            CandlePrefetch.Ahead(candles, int.MaxValue); // index + ahead overflows: still no read
            Assert.Equal(before, candles);
        }
    }
}
