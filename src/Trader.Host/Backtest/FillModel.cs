using Trader.Domain.Market;
using Trader.Domain.Sizing;
using Trader.Domain.Trading;

namespace Trader.Host.Backtest;

/// <summary>
/// The market model of config-reference.md's <c>backtest</c> section, applied to an order the decision approved
/// at the close of one minute, against the product's candle of the next minute (never the candle it was decided on):
/// <list type="bullet">
/// <item>a maker order (limit_post_only) rests at its limit price (the synthesized bid for a buy, ask for a sell)
/// and fills at that price, maker fee, when the candle trades through it (low &lt; limit for a buy, high &gt; limit
/// for a sell); otherwise, with execution.taker_fallback, it is taken at the candle's close, else cancelled
/// (<c>not_touched</c>). A one-minute candle cannot say when in the minute the price crossed, so the post-only TTL
/// is the candle;</item>
/// <item>a taker order (market_ioc, or the fallback) fills at the reference price (the candle's open, or its close
/// for the fallback) plus half the synthesized spread and the slippage for a buy, minus for a sell, rounded
/// against us to the price increment, taker fee;</item>
/// <item>at most max_participation_pct of the candle's base volume fills (rounded down to the base increment);
/// the rest is cancelled (<c>no_volume</c> when nothing can fill);</item>
/// <item>a buy never spends more cash than the account has (<c>insufficient_cash</c>), and a fill that ends up below
/// the venue minimums (buys: the sizer's effective min notional net of fees) is not made (<c>below_min_notional</c>).</item>
/// </list>
/// Fees are the sizer's rates (the same <see cref="OrderSizer"/> the risk engine sized the order with).
/// </summary>
public static class FillModel
{
    private const decimal Bps = 10_000m;

    public static FillOutcome Fill(
        OrderSide side, decimal size, decimal limitPrice, in Candle candle, ProductInfo info,
        BacktestSettings settings, OrderSizer sizer, decimal availableCash)
    {
        var cap = OrderSizer.FloorTo(candle.Volume * settings.MaxParticipationPct / 100m, info.BaseIncrement);
        if (cap <= 0m) return FillOutcome.None("no_volume");
        var fillSize = Math.Min(size, cap);

        decimal price;
        LiquidityRole role;
        if (settings.Role == LiquidityRole.Maker)
        {
            var touched = side == OrderSide.Buy ? candle.Low < limitPrice : candle.High > limitPrice;
            if (touched)
            {
                price = limitPrice;
                role = LiquidityRole.Maker;
            }
            else if (settings.TakerFallback)
            {
                price = TakerPrice(side, candle.Close, info, settings);
                role = LiquidityRole.Taker;
            }
            else return FillOutcome.None("not_touched");
        }
        else
        {
            price = TakerPrice(side, candle.Open, info, settings);
            role = LiquidityRole.Taker;
        }

        var rate = sizer.FeeRate(role);
        if (side == OrderSide.Buy)
        {
            if (fillSize * price * (1m + rate) > availableCash)
            {
                fillSize = OrderSizer.FloorTo(Math.Max(0m, availableCash) / (price * (1m + rate)), info.BaseIncrement);
                if (fillSize <= 0m || fillSize * price * (1m - rate) < sizer.EffectiveMinNotional(info))
                    return FillOutcome.None("insufficient_cash");
            }
            if (fillSize < info.BaseMinSize || fillSize * price * (1m - rate) < sizer.EffectiveMinNotional(info))
                return FillOutcome.None("below_min_notional");
        }
        else if (fillSize < info.BaseMinSize || fillSize * price < info.QuoteMinSize)
        {
            return FillOutcome.None("below_min_notional");
        }

        return new FillOutcome(fillSize, price, fillSize * price * rate, role, null);
    }

    /// <summary>The price a taker pays (buy) or gets (sell) around <paramref name="reference"/>: half spread plus slippage.</summary>
    public static decimal TakerPrice(OrderSide side, decimal reference, ProductInfo info, BacktestSettings settings)
    {
        var half = HalfSpread(settings);
        var slip = settings.SlippageBps / Bps;
        return side == OrderSide.Buy
            ? OrderSizer.CeilTo(reference * (1m + half) * (1m + slip), info.PriceIncrement)
            : OrderSizer.FloorTo(reference * (1m - half) * (1m - slip), info.PriceIncrement);
    }

    /// <summary>The synthesized quote around <paramref name="close"/>: bid rounded down, ask rounded up to the price increment.</summary>
    public static (decimal Bid, decimal Ask) Quote(decimal close, ProductInfo info, BacktestSettings settings) =>
        Quote(close, info, HalfSpread(settings));

    /// <summary>Half the synthesized spread as a fraction of the price: the quote is close × (1 ∓ it).</summary>
    public static decimal HalfSpread(BacktestSettings settings) => settings.SpreadBps / 2m / Bps;

    /// <summary>The synthesized quote with <see cref="HalfSpread"/> taken once (a product's every minute).</summary>
    public static (decimal Bid, decimal Ask) Quote(decimal close, ProductInfo info, decimal halfSpread) =>
        OrderSizer.RoundAround(close, halfSpread, info.PriceIncrement);
}
