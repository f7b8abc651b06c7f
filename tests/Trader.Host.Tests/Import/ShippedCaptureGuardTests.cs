using System.Globalization;
using System.Text.Json;
using Trader.Domain.Market;
using Trader.Domain.Trading;
using Trader.Pipeline.Alerts;
using Trader.Pipeline.Guards;
using Trader.Pipeline.Market;
using Trader.Testing;

namespace Trader.Host.Tests.Import;

/// <summary>
/// The shipped short capture is a feed the guards accept: replayed on a virtual clock through the market-data
/// guards (frames turned into typed events here with a minimal reader, not the production parser), it raises no
/// staleness alert, rejects no tick, and yields a one-minute candle per product per minute.
/// </summary>
public sealed class ShippedCaptureGuardTests
{
    [Theory]
    [InlineData("lean-btc-eth-20180404-1h.capture.gz", 2)]
    public void The_short_capture_passes_the_guards_cleanly(string name, int products)
    {
        var path = Path.Combine(RepoPaths.Data, "captures", name);
        var frames = CaptureLines.Read(path);
        var clock = VirtualTime.Create(DateTimeOffset.FromUnixTimeMilliseconds(frames[0].Ms));
        var state = new MarketState(StalenessSettings.Default);
        using var feed = new MarketFeedProcessor(state, clock, StalenessSettings.Default, OutlierSettings.Default,
            SpreadLimits.FromConfig(new Domain.Config.UniverseConfig(), new Domain.Config.LiquiditySection()));
        var alerts = new List<GuardAlert>();
        var candles = 0;
        using var a = feed.Alerts.Subscribe(alerts.Add);
        using var c = feed.Candles.Subscribe(_ => candles++);

        foreach (var (ms, frame) in frames)
        {
            var at = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            clock.AdvanceTo(at);
            foreach (var marketEvent in Events(frame, at))
                feed.OnEvent(marketEvent);
        }
        var end = clock.Now;

        Assert.Empty(feed.Rejections.Snapshot());
        Assert.DoesNotContain(alerts, x => x.Kind == AlertKinds.Staleness && x.Reason == ReasonCodes.StaleQuote);
        Assert.DoesNotContain(alerts, x => x.Kind == AlertKinds.ProductHealth);
        Assert.Equal(products * 59, candles); // the last minute is still open when the capture ends
        Assert.All(state.Snapshot(end), view =>
        {
            Assert.False(view.QuoteStale);
            Assert.False(view.OhlcvStale);
            Assert.True(view.Health.AllowsEntries);
            Assert.True(view.Volume24hUsd > 10_000_000m, $"{view.ProductId} 24 h volume {view.Volume24hUsd}");
        });
    }

    private static IEnumerable<MarketEvent> Events(JsonElement frame, DateTimeOffset at)
    {
        static decimal D(JsonElement e, string name) => decimal.Parse(e.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);
        var events = frame.GetProperty("events");
        switch (frame.GetProperty("channel").GetString())
        {
            case "status":
                foreach (var p in events[0].GetProperty("products").EnumerateArray())
                    yield return new StatusEvent(p.GetProperty("id").GetString()!,
                        p.GetProperty("status").GetString() == "online" ? ProductStatus.Online : ProductStatus.Offline, null, null, at, at);
                break;
            case "ticker":
                foreach (var t in events[0].GetProperty("tickers").EnumerateArray())
                    yield return new TickerEvent(t.GetProperty("product_id").GetString()!, D(t, "price"), D(t, "best_bid"),
                        D(t, "best_bid_quantity"), D(t, "best_ask"), D(t, "best_ask_quantity"), D(t, "volume_24_h"), at, at);
                break;
            case "market_trades":
                foreach (var t in events[0].GetProperty("trades").EnumerateArray())
                    yield return new TradeEvent(t.GetProperty("product_id").GetString()!, t.GetProperty("trade_id").GetString()!,
                        D(t, "price"), D(t, "size"), t.GetProperty("side").GetString() == "BUY" ? OrderSide.Buy : OrderSide.Sell, at, at);
                break;
        }
    }
}
