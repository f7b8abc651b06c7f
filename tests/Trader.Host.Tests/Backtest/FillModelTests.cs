using Trader.Domain.Market;
using Trader.Domain.Sizing;
using Trader.Domain.Trading;
using Trader.Host.Backtest;

namespace Trader.Host.Tests.Backtest;

/// <summary>The backtest market model (config-reference.md backtest section) on single candles, by hand.</summary>
public sealed class FillModelTests
{
    private static readonly ProductInfo Btc = ProductInfo.DefaultUsd("BTC-USD");
    private static readonly OrderSizer Sizer = new(makerFeeBps: 40m, takerFeeBps: 60m, configuredMinNotionalUsd: 5m);
    private static readonly BacktestSettings Maker = new(10m, 10m, 10m, 10_000m, LiquidityRole.Maker, TakerFallback: true, Seed: 0);
    private static readonly DateTimeOffset T = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static Candle C(decimal o, decimal h, decimal l, decimal c, decimal v) => new(T, o, h, l, c, v);

    [Fact]
    public void A_resting_buy_fills_at_its_limit_with_the_maker_fee_when_the_candle_trades_through_it()
    {
        var fill = FillModel.Fill(OrderSide.Buy, 1m, 99.95m, C(100m, 100.5m, 99.90m, 100.2m, 50m), Btc, Maker, Sizer, 1_000_000m);
        Assert.Equal(new FillOutcome(1m, 99.95m, 99.95m * 0.004m, LiquidityRole.Maker, null), fill);
    }

    [Fact]
    public void A_resting_order_the_candle_only_touches_falls_back_to_taker_at_the_close_or_is_cancelled_without_fallback()
    {
        var candle = C(100m, 100.5m, 99.95m, 100.2m, 50m);
        var fallback = FillModel.Fill(OrderSide.Buy, 1m, 99.95m, candle, Btc, Maker, Sizer, 1_000_000m);
        // ceil(100.2 × 1.0005 × 1.001) = ceil(100.3503…) = 100.36
        Assert.Equal(new FillOutcome(1m, 100.36m, 100.36m * 0.006m, LiquidityRole.Taker, null), fallback);

        var strict = FillModel.Fill(OrderSide.Buy, 1m, 99.95m, candle, Btc, Maker with { TakerFallback = false }, Sizer, 1_000_000m);
        Assert.Equal("not_touched", strict.CancelReason);
        Assert.False(strict.Filled);
    }

    [Fact]
    public void A_taker_sell_gets_the_open_less_half_the_spread_and_the_slippage_rounded_down()
    {
        var taker = Maker with { Role = LiquidityRole.Taker };
        var fill = FillModel.Fill(OrderSide.Sell, 2m, 0m, C(200m, 201m, 199m, 200m, 100m), Btc, taker, Sizer, 0m);
        // floor(200 × 0.9995 × 0.999) = floor(199.7001) = 199.70
        Assert.Equal(new FillOutcome(2m, 199.70m, 2m * 199.70m * 0.006m, LiquidityRole.Taker, null), fill);
    }

    [Fact]
    public void At_most_the_participation_share_of_the_candle_volume_fills_and_nothing_without_volume()
    {
        var taker = Maker with { Role = LiquidityRole.Taker };
        var partial = FillModel.Fill(OrderSide.Sell, 2m, 0m, C(200m, 201m, 199m, 200m, 5m), Btc, taker, Sizer, 0m);
        Assert.Equal(0.5m, partial.Size);
        Assert.Equal("no_volume", FillModel.Fill(OrderSide.Sell, 2m, 0m, C(200m, 200m, 200m, 200m, 0m), Btc, taker, Sizer, 0m).CancelReason);
    }

    [Fact]
    public void A_buy_never_spends_more_than_the_cash_and_is_dropped_below_the_minimum_notional()
    {
        var taker = Maker with { Role = LiquidityRole.Taker };
        var candle = C(100m, 100m, 100m, 100m, 1000m);
        var capped = FillModel.Fill(OrderSide.Buy, 5m, 0m, candle, Btc, taker, Sizer, 201m);
        Assert.True(capped.Size * capped.Price + capped.Fee <= 201m);
        Assert.True(capped.Size > 1.9m);
        Assert.Equal("insufficient_cash", FillModel.Fill(OrderSide.Buy, 5m, 0m, candle, Btc, taker, Sizer, 3m).CancelReason);
        Assert.Equal("below_min_notional", FillModel.Fill(OrderSide.Buy, 0.01m, 0m, candle, Btc, taker, Sizer, 1000m).CancelReason);
    }
}
