using Trader.Pipeline.Clock;
using System.Reactive.Subjects;
using Trader.Domain.Market;
using Trader.Pipeline.Candles;
using Trader.Pipeline.Tests.Market;
using Trader.Testing;

namespace Trader.Pipeline.Tests.Candles;

/// <summary>One-minute candles from trades, closed by a timer on the clock's minute boundaries (CONTRACTS.md §4).</summary>
public sealed class MinuteCandleTests
{
    private static readonly DateTimeOffset T0 = VirtualTime.Epoch; // 12:00:00

    private static (VirtualClock clock, Subject<TradeEvent> trades, List<(DateTimeOffset at, ProductCandle candle)> closed, IDisposable sub) Start()
    {
        var clock = VirtualTime.Create();
        var trades = new Subject<TradeEvent>();
        var closed = new List<(DateTimeOffset, ProductCandle)>();
        var sub = trades.ToMinuteCandles(clock).Subscribe(c => closed.Add((clock.Now, c)));
        return (clock, trades, closed, sub);
    }

    private static void TradeAt(VirtualClock clock, Subject<TradeEvent> trades, DateTimeOffset at, decimal price, decimal size, string product = "BTC-USD")
    {
        clock.AdvanceTo(at);
        trades.OnNext(MarketEvents.Trade(product, price, size, at));
    }

    [Fact]
    public void A_minute_of_trades_closes_exactly_at_the_boundary_with_its_ohlcv()
    {
        var (clock, trades, closed, sub) = Start();
        using var _ = sub;
        TradeAt(clock, trades, T0.AddSeconds(5), 100m, 1m);
        TradeAt(clock, trades, T0.AddSeconds(20), 105m, 0.5m);
        TradeAt(clock, trades, T0.AddSeconds(40), 98m, 0.25m);
        TradeAt(clock, trades, T0.AddSeconds(59.999), 101m, 2m);

        clock.AdvanceTo(T0.AddSeconds(59.9999));
        Assert.Empty(closed);
        clock.AdvanceTo(T0.AddMinutes(1));

        var (at, candle) = Assert.Single(closed);
        Assert.Equal(T0.AddMinutes(1), at);
        Assert.Equal("BTC-USD", candle.ProductId);
        Assert.Equal(new Candle(T0, 100m, 105m, 98m, 101m, 3.75m), candle.Candle);
        Assert.Equal(T0.AddMinutes(1), candle.Candle.End);
    }

    [Fact]
    public void A_minute_without_trades_makes_no_candle()
    {
        var (clock, trades, closed, sub) = Start();
        using var _ = sub;
        TradeAt(clock, trades, T0.AddSeconds(10), 100m, 1m);
        TradeAt(clock, trades, T0.AddMinutes(2).AddSeconds(10), 102m, 1m); // 12:01 has no trades
        clock.AdvanceTo(T0.AddMinutes(10));

        Assert.Equal([T0, T0.AddMinutes(2)], closed.Select(c => c.candle.Candle.Start));
        Assert.Equal([T0.AddMinutes(1), T0.AddMinutes(3)], closed.Select(c => c.at));
    }

    [Fact]
    public void A_trade_arriving_on_the_boundary_belongs_to_the_new_minute()
    {
        var (clock, trades, closed, sub) = Start();
        using var _ = sub;
        TradeAt(clock, trades, T0.AddSeconds(30), 100m, 1m);
        TradeAt(clock, trades, T0.AddMinutes(1), 200m, 1m); // the boundary timer fires first while advancing
        clock.AdvanceTo(T0.AddMinutes(2));

        Assert.Equal(2, closed.Count);
        Assert.Equal(new Candle(T0, 100m, 100m, 100m, 100m, 1m), closed[0].candle.Candle);
        Assert.Equal(new Candle(T0.AddMinutes(1), 200m, 200m, 200m, 200m, 1m), closed[1].candle.Candle);
    }

    [Fact]
    public void Products_are_bucketed_separately_and_zero_size_trades_are_ignored()
    {
        var (clock, trades, closed, sub) = Start();
        using var _ = sub;
        TradeAt(clock, trades, T0.AddSeconds(1), 100m, 1m, "BTC-USD");
        TradeAt(clock, trades, T0.AddSeconds(2), 10m, 3m, "ETH-USD");
        TradeAt(clock, trades, T0.AddSeconds(3), 500m, 0m, "BTC-USD");
        clock.AdvanceTo(T0.AddMinutes(1));

        Assert.Equal(2, closed.Count);
        Assert.Equal(("BTC-USD", 100m, 1m), (closed[0].candle.ProductId, closed[0].candle.Candle.High, closed[0].candle.Candle.Volume));
        Assert.Equal(("ETH-USD", 10m, 3m), (closed[1].candle.ProductId, closed[1].candle.Candle.High, closed[1].candle.Candle.Volume));
    }

    [Fact]
    public void Bars_still_open_when_the_trades_complete_are_not_emitted()
    {
        var (clock, trades, closed, sub) = Start();
        using var _ = sub;
        var completed = false;
        using var __ = trades.ToMinuteCandles(clock).Subscribe(_ => { }, () => completed = true);
        TradeAt(clock, trades, T0.AddSeconds(1), 100m, 1m);
        trades.OnCompleted();
        clock.AdvanceTo(T0.AddMinutes(5));

        Assert.True(completed);
        Assert.Empty(closed);
    }
}
