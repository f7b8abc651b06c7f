using Trader.Domain.Config;
using Trader.Domain.Market;
using Trader.Host.Backtest;
using Trader.Pipeline.Guards;

namespace Trader.Host.Tests.Backtest;

public sealed class ProductTrackTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static Candle Minute(int i, decimal volume) => new(T0.AddMinutes(i), 100m, 101m, 99m, 100m + i % 7, volume);

    /// <summary>Volume × close of the traded candles that ended within the 24 h before <paramref name="now"/>, as MarketState sums it.</summary>
    private static decimal DayNotional(IEnumerable<Candle> candles, DateTimeOffset now) =>
        candles.Where(c => c.Volume > 0m && c.End > now.AddDays(-1) && c.End <= now).Sum(c => c.Volume * c.Close);

    [Theory]
    [InlineData(1, 0, 0)]       // a view every minute, as the backtest takes them
    [InlineData(7, 0, 0)]       // views a few minutes apart
    [InlineData(1, 0, 4_000)]   // nearly three days of candles before the first view: the ring outgrows a day of minutes
    [InlineData(1, 2_000, 2_400)] // … after it has wrapped around, viewed soon after it grew
    public void The_24h_notional_sums_exactly_the_traded_candles_of_the_last_day_whenever_it_is_viewed(int viewEvery, int pauseFrom, int pauseTo)
    {
        var track = new ProductTrack("BTC-USD", BacktestSettings.From(new TraderConfig(), 0));
        var applied = new List<Candle>();
        for (var i = 0; i < 4_500; i++)
        {
            var candle = Minute(i, i % 5 == 0 ? 0m : 0.5m + i % 3); // every fifth minute untraded
            track.Apply(candle);
            applied.Add(candle);
            if ((i + 1) % viewEvery != 0 || (i >= pauseFrom && i < pauseTo)) continue;
            var view = track.View(candle.End, StalenessSettings.Default);
            Assert.Equal(DayNotional(applied, candle.End), view.Volume24hUsd);
        }
        var end = applied[^1].End.AddHours(23);
        Assert.Equal(DayNotional(applied, end), track.View(end, StalenessSettings.Default).Volume24hUsd);
    }
}
