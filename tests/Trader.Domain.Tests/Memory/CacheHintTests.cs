using Trader.Domain.Market;
using Trader.Domain.Memory;

namespace Trader.Domain.Tests.Memory;

public sealed class CacheHintTests
{
    [Fact]
    public void A_prefetch_of_any_index_changes_nothing_and_never_touches_outside_the_array()
    {
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var length in new[] { 0, 1, 2, 100 })
        {
            var candles = Enumerable.Range(0, length)
                .Select(i => new Candle(t0.AddMinutes(i), 100m + i, 101m + i, 99m + i, 100.5m + i, 1m + i)).ToArray();
            var bytes = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
            var (candlesBefore, bytesBefore) = (candles.ToArray(), bytes.ToArray());
            foreach (var index in new[] { int.MinValue, -1, 0, 1, length - 1, length, length + 1, int.MaxValue })
            {
                CacheHint.Prefetch(candles, index);
                CacheHint.Prefetch(bytes, index);
            }
            Assert.Equal(candlesBefore, candles);
            Assert.Equal(bytesBefore, bytes);
        }
    }
}
