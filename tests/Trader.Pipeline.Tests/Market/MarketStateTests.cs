using Trader.Pipeline.Clock;
using Trader.Domain.Market;
using Trader.Pipeline.Candles;
using Trader.Pipeline.Guards;
using Trader.Pipeline.Market;
using Trader.Testing;

namespace Trader.Pipeline.Tests.Market;

public sealed class MarketStateTests
{
    private static readonly DateTimeOffset T0 = VirtualTime.Epoch;

    private static MarketFeedProcessor Feed(VirtualClock clock, MarketState state) =>
        new(state, clock, StalenessSettings.Default, OutlierSettings.Default, _ => 80m);

    [Fact]
    public void The_quote_is_the_latest_of_ticker_and_level2_top()
    {
        var clock = VirtualTime.Create();
        var state = new MarketState(StalenessSettings.Default);
        using var feed = Feed(clock, state);

        feed.OnEvent(MarketEvents.Ticker("BTC-USD", 100.00m, 100.02m, clock.Now));
        clock.AdvanceBy(TimeSpan.FromSeconds(1));
        feed.OnEvent(MarketEvents.Book("BTC-USD", true, clock.Now,
            new BookLevel(BookSide.Bid, 100.01m, 1m), new BookLevel(BookSide.Bid, 99.5m, 2m),
            new BookLevel(BookSide.Offer, 100.03m, 1m), new BookLevel(BookSide.Offer, 101m, 1m)));
        var fromBook = state.Snapshot("BTC-USD", clock.Now)!.Quote!.Value;
        Assert.Equal((100.01m, 100.03m, 100.01m, T0.AddSeconds(1)), (fromBook.Bid, fromBook.Ask, fromBook.Last, fromBook.TsRecv));

        clock.AdvanceBy(TimeSpan.FromSeconds(1));
        feed.OnEvent(MarketEvents.Book("BTC-USD", false, clock.Now, new BookLevel(BookSide.Bid, 100.01m, 0m)));
        Assert.Equal(99.5m, state.Snapshot("BTC-USD", clock.Now)!.Quote!.Value.Bid);

        clock.AdvanceBy(TimeSpan.FromSeconds(1));
        feed.OnEvent(MarketEvents.Ticker("BTC-USD", 100.04m, 100.05m, clock.Now));
        var fromTicker = state.Snapshot("BTC-USD", clock.Now)!.Quote!.Value;
        Assert.Equal((100.04m, 100.05m, T0.AddSeconds(3)), (fromTicker.Bid, fromTicker.Ask, fromTicker.TsRecv));
    }

    [Fact]
    [Trait("Req", "REQ-ST1")]
    public void After_a_reconnect_a_quote_from_the_old_connection_is_stale_until_a_fresh_one_arrives()
    {
        var clock = VirtualTime.Create();
        var state = new MarketState(StalenessSettings.Default);
        using var feed = Feed(clock, state);
        feed.OnEvent(MarketEvents.Ticker("BTC-USD", 100.00m, 100.02m, clock.Now));
        Assert.False(state.Snapshot("BTC-USD", clock.Now)!.QuoteStale);

        clock.AdvanceBy(TimeSpan.FromMilliseconds(500));
        feed.OnFeed(false);
        clock.AdvanceBy(TimeSpan.FromMilliseconds(500));
        feed.OnFeed(true); // 1 s after the last quote: young enough by age, but from the previous connection

        Assert.True(state.Snapshot("BTC-USD", clock.Now)!.QuoteStale);

        clock.AdvanceBy(TimeSpan.FromMilliseconds(200));
        feed.OnEvent(MarketEvents.Ticker("BTC-USD", 100.01m, 100.03m, clock.Now));
        Assert.False(state.Snapshot("BTC-USD", clock.Now)!.QuoteStale);
    }

    [Fact]
    public void Candle_history_is_bounded_and_the_view_carries_the_last_candles_close()
    {
        var state = new MarketState(StalenessSettings.Default, candleCapacity: 3);
        for (var i = 0; i < 5; i++)
            state.ApplyCandle(new ProductCandle("BTC-USD", new Candle(T0.AddMinutes(i), 1m, 1m, 1m, i, 1m)));
        state.ApplyCandle(new ProductCandle("BTC-USD", new Candle(T0.AddMinutes(3), 1m, 1m, 1m, 99m, 1m))); // older: dropped

        var view = state.Snapshot("BTC-USD", T0.AddMinutes(5))!;
        Assert.Equal(4m, view.LastClose);
        Assert.Equal(2m + 3m + 4m, view.Volume24hUsd); // only the 3 held candles count
        Assert.False(state.Snapshot("BTC-USD", T0.AddMinutes(5).AddSeconds(90))!.OhlcvStale);
        Assert.True(state.Snapshot("BTC-USD", T0.AddMinutes(5).AddSeconds(90.001))!.OhlcvStale);
    }

    [Fact]
    public void Volume_24h_is_the_ticker_volume_times_price_else_the_candles_of_the_last_day()
    {
        var state = new MarketState(StalenessSettings.Default);
        state.ApplyCandle(new ProductCandle("ETH-USD", new Candle(T0, 10m, 10m, 10m, 10m, 5m)));
        state.ApplyCandle(new ProductCandle("ETH-USD", new Candle(T0.AddMinutes(1), 20m, 20m, 20m, 20m, 1m)));
        Assert.Equal(70m, state.Snapshot("ETH-USD", T0.AddMinutes(2))!.Volume24hUsd);
        Assert.Equal(20m, state.Snapshot("ETH-USD", T0.AddDays(1).AddSeconds(90))!.Volume24hUsd);

        state.ApplyTicker(new TickerEvent("ETH-USD", 2_000m, 0m, 0m, 0m, 0m, 1_000m, T0, T0));
        Assert.Equal(2_000_000m, state.Snapshot("ETH-USD", T0)!.Volume24hUsd);
    }

    [Fact]
    public void The_running_24h_notional_equals_a_fresh_sum_of_the_last_day_digit_for_digit()
    {
        // Queried at instants that mostly move forward and sometimes back, over a ring that overwrites its oldest
        // candles, with notionals of different decimal scales: the value and its scale (its text) match a rescan.
        var random = new Random(7);
        var state = new MarketState(StalenessSettings.Default, candleCapacity: 2_000);
        var candles = new List<Candle>();
        var minute = 0;
        for (var step = 0; step < 6_000; step++)
        {
            minute += random.Next(1, 4);
            var close = Math.Round(10m + (decimal)random.NextDouble() * 100m, random.Next(0, 5));
            var volume = Math.Round((decimal)random.NextDouble() * 50m, random.Next(0, 9));
            var candle = new Candle(T0.AddMinutes(minute), close, close, close, close, volume);
            candles.Add(candle);
            state.ApplyCandle(new ProductCandle("ETH-USD", candle));
            if (step % 7 != 0) continue;

            var now = candle.End.AddMinutes(random.Next(-30, 600));
            var held = candles.Skip(Math.Max(0, candles.Count - 2_000)).ToArray();
            var expected = 0m;
            for (var i = held.Length - 1; i >= 0 && held[i].End > now.AddDays(-1); i--) expected += held[i].Volume * held[i].Close;
            Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture),
                state.Snapshot("ETH-USD", now)!.Volume24hUsd.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void A_snapshot_costs_the_same_with_a_week_of_history_as_with_minutes()
    {
        // The decision cycle takes one snapshot per cycle: its allocation must not grow with the candles held.
        static long SnapshotBytes(int minutes)
        {
            var state = new MarketState(StalenessSettings.Default);
            foreach (var id in new[] { "BTC-USD", "ETH-USD", "SOL-USD" })
                for (var i = 0; i < minutes; i++)
                    state.ApplyCandle(new ProductCandle(id, new Candle(T0.AddMinutes(i), 10m, 11m, 9m, 10.5m, 2.25m)));
            var now = T0.AddMinutes(minutes);
            state.Snapshot(now);
            now = now.AddSeconds(30);
            var before = GC.GetAllocatedBytesForCurrentThread();
            var views = state.Snapshot(now);
            var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(3, views.Count);
            Assert.All(views, v => Assert.True(v.LastClose == 10.5m && !v.OhlcvStale)); // the latest candle, 30 s old
            return bytes;
        }

        Assert.Equal(SnapshotBytes(10), SnapshotBytes(MarketState.DefaultCandleCapacity));
    }

    [Fact]
    public void Snapshot_lists_tracked_products_in_order_with_defaults()
    {
        var state = new MarketState(StalenessSettings.Default);
        state.Track("ETH-USD");
        state.Track("BTC-USD");
        var views = state.Snapshot(T0);
        Assert.Equal(["BTC-USD", "ETH-USD"], views.Select(v => v.ProductId));
        Assert.All(views, v => Assert.True(v.QuoteStale && v.OhlcvStale && v.Quote is null));
        Assert.Equal("BTC", views[0].Info.BaseCurrency);
    }

    [Fact]
    public async Task Readers_snapshot_concurrently_with_the_writer_and_always_see_whole_quotes()
    {
        var state = new MarketState(StalenessSettings.Default);
        var writing = true;
        var reader = Task.Run(() =>
        {
            var reads = 0;
            while (Volatile.Read(ref writing) || reads == 0)
            {
                foreach (var view in state.Snapshot(T0.AddHours(1)))
                    if (view.Quote is { } q) Assert.Equal(q.Bid + 1m, q.Ask);
                reads++;
            }
            return reads;
        });
        for (var i = 1; i <= 50_000; i++)
        {
            var bid = 100m + i % 500;
            var at = T0.AddMilliseconds(i);
            state.ApplyQuote(new QuoteVerdict(i % 2 == 0 ? "BTC-USD" : "ETH-USD", new Quote(bid, bid + 1m, bid, at, at), null, 0));
        }
        Volatile.Write(ref writing, false);
        var reads = await reader.WaitAsync(TimeSpan.FromSeconds(30), TimeProvider.System);
        Assert.True(reads > 0);
        Assert.Equal(T0.AddMilliseconds(50_000), state.Snapshot("BTC-USD", T0)!.Quote!.Value.TsRecv);
    }

    [Fact]
    public void A_rejected_or_older_quote_does_not_replace_the_current_one()
    {
        var state = new MarketState(StalenessSettings.Default);
        var current = new Quote(100m, 101m, 100m, T0.AddSeconds(2), T0.AddSeconds(2));
        state.ApplyQuote(new QuoteVerdict("BTC-USD", current, null, 0));
        state.ApplyQuote(new QuoteVerdict("BTC-USD", new Quote(1m, 2m, 1m, T0.AddSeconds(3), T0.AddSeconds(3)), ReasonCodes.Outlier, 9));
        state.ApplyQuote(new QuoteVerdict("BTC-USD", new Quote(5m, 6m, 5m, T0.AddSeconds(1), T0.AddSeconds(1)), null, 0));
        Assert.Equal(current, state.Snapshot("BTC-USD", T0.AddSeconds(3))!.Quote);
    }
}
