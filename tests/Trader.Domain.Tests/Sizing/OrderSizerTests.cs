using CsCheck;
using Trader.Domain.Config;
using Trader.Domain.Market;
using Trader.Domain.Risk;
using Trader.Domain.Sizing;
using Trader.Domain.Tests.Support;

namespace Trader.Domain.Tests.Sizing;

public sealed class OrderSizerTests
{
    private static readonly OrderSizer Sizer = OrderSizer.FromPolicy(new PolicyConfig());

    private static ProductInfo Info(decimal baseIncrement = 0.001m, decimal priceIncrement = 0.01m, decimal baseMin = 0.001m, decimal quoteMin = 1m) =>
        new("SOL-USD", "SOL", "USD", baseIncrement, 0.01m, priceIncrement, baseMin, quoteMin);

    [Fact]
    [Trait("Req", "REQ-X3")]
    public void Effective_minimum_is_the_largest_of_venue_execution_and_position_sizing_minimums()
    {
        Assert.Equal(5m, Sizer.EffectiveMinNotional(Info(quoteMin: 1m)));
        Assert.Equal(10m, Sizer.EffectiveMinNotional(Info(quoteMin: 10m)));
        var policy = new PolicyConfig();
        policy = policy with { Execution = policy.Execution with { MinNotionalUsd = 7m } };
        Assert.Equal(7m, OrderSizer.FromPolicy(policy).EffectiveMinNotional(Info(quoteMin: 1m)));
    }

    [Fact]
    [Trait("Req", "REQ-X3")]
    public void Rounds_size_and_price_down_to_increments_and_reports_the_maker_fee()
    {
        var result = Sizer.SizeBuy(Info(), 300m, 500m, 100.017m, LiquidityRole.Maker);

        var order = Assert.IsType<SizedOrder>(result.Order);
        Assert.Equal(100.01m, order.Price);
        Assert.Equal(2.999m, order.BaseSize); // 300 / 100.01 = 2.99970… rounded down
        Assert.Equal(2.999m * 100.01m, order.Notional);
        Assert.Equal(order.Notional * 0.004m, order.ExpectedFee);
    }

    [Fact]
    [Trait("Req", "REQ-X3")]
    public void A_size_whose_net_amount_misses_the_minimum_is_bumped_within_the_cap_or_rejected()
    {
        // 5.00 gross at 40 bps maker nets 4.98 < 5: bumped to the next increment whose net meets 5.
        var bumped = Sizer.SizeBuy(Info(baseIncrement: 0.01m, baseMin: 0.01m), 5m, 6m, 100m, LiquidityRole.Maker);
        var order = Assert.IsType<SizedOrder>(bumped.Order);
        Assert.Equal(0.06m, order.BaseSize);
        Assert.True(order.NetNotional >= 5m);

        // The same request with a cap of 5.5 cannot be bumped: rejected below_min_notional.
        var rejected = Sizer.SizeBuy(Info(baseIncrement: 0.01m, baseMin: 0.01m), 5m, 5.5m, 100m, LiquidityRole.Maker);
        Assert.False(rejected.IsAccepted);
        Assert.Equal(ReasonCodes.BelowMinNotional, rejected.ReasonCode);
    }

    [Fact]
    [Trait("Req", "REQ-X3")]
    public void Sells_round_down_and_only_need_the_venue_minimum()
    {
        var sell = Sizer.SizeSell(Info(), 0.0419m, 100m, LiquidityRole.Taker);
        var order = Assert.IsType<SizedOrder>(sell.Order);
        Assert.Equal(0.041m, order.BaseSize);
        Assert.Equal(order.Notional * 0.006m, order.ExpectedFee);

        var dust = Sizer.SizeSell(Info(quoteMin: 1m), 0.009m, 100m, LiquidityRole.Taker);
        Assert.Equal(ReasonCodes.BelowMinNotional, dust.ReasonCode);
    }

    internal static readonly Gen<(ProductInfo Info, decimal Price, decimal Target, decimal Cap, LiquidityRole Role, int FeeBps)> NearMinimum =
        from baseExp in Gen.Int[0, 8]
        from priceExp in Gen.Int[0, 4]
        from priceUnits in Gen.Int[1, 5_000_000]
        from baseMinSteps in Gen.Int[0, 50]
        from quoteMinCents in Gen.Int[0, 1500]
        from targetPermille in Gen.Int[300, 2500]
        from capPermille in Gen.Int[500, 3000]
        from maker in Gen.Bool
        from feeBps in Gen.Int[0, 120]
        let baseIncrement = 1m / Decimals.Pow10(baseExp)
        let priceIncrement = 1m / Decimals.Pow10(priceExp)
        let price = priceUnits * priceIncrement
        let info = new ProductInfo("X-USD", "X", "USD", baseIncrement, 0.01m, priceIncrement, baseMinSteps * baseIncrement, quoteMinCents / 100m)
        let min = Math.Max(info.QuoteMinSize, 5m)
        select (info, price, min * targetPermille / 1000m, min * capPermille / 1000m, maker ? LiquidityRole.Maker : LiquidityRole.Taker, feeBps);

    [Fact]
    [Trait("Req", "REQ-X3")]
    public void Property_near_min_notional_an_accepted_size_meets_every_rule_and_a_rejection_is_unavoidable()
    {
        NearMinimum.Sample(c =>
        {
            var sizer = new OrderSizer(c.FeeBps, c.FeeBps, 5m);
            var result = sizer.SizeBuy(c.Info, c.Target, c.Cap, c.Price, c.Role);
            var min = sizer.EffectiveMinNotional(c.Info);
            var fee = c.FeeBps / 10_000m;
            if (result.Order is { } o)
            {
                Assert.Equal(0m, o.BaseSize % c.Info.BaseIncrement);
                Assert.Equal(0m, o.Price % c.Info.PriceIncrement);
                Assert.True(o.Notional <= c.Cap, "never above the cap");
                Assert.True(o.NetNotional >= min, "net of fees meets min notional");
                Assert.True(o.BaseSize >= c.Info.BaseMinSize && o.BaseSize > 0m);
                Assert.Equal(o.Notional * fee, o.ExpectedFee);
            }
            else
            {
                Assert.Equal(ReasonCodes.BelowMinNotional, result.ReasonCode);
                // No size on the increment grid within the cap meets the rules.
                var smallest = Math.Ceiling(Math.Max(min / (c.Price * (1m - fee)), c.Info.BaseMinSize) / c.Info.BaseIncrement) * c.Info.BaseIncrement;
                if (smallest <= 0m) smallest = c.Info.BaseIncrement;
                while (smallest * c.Price * (1m - fee) < min) smallest += c.Info.BaseIncrement;
                Assert.True(smallest * c.Price > c.Cap, $"{smallest} × {c.Price} fits the cap {c.Cap} but was rejected");
            }
        }, iter: 2000);
    }

    [Fact]
    [Trait("Req", "REQ-X3")]
    public void Rounding_to_an_increment_gives_the_same_decimal_as_dividing_by_it_digits_and_scale_included()
    {
        // FloorTo / CeilTo round to k decimals instead of dividing by a 10^-k increment when that is exact: the result
        // must be the decimal the division gives, also its scale (reports print it), for every kind of input.
        Gen.Select(Gen.Long[0, 999_999_999_999_999], Gen.Int[0, 28], Gen.Int[0, 12], Gen.Int[0, 9]).Sample((units, scale, k, odd) =>
        {
            var value = new decimal((int)(units & 0xFFFFFFFF), (int)(units >> 32), 0, odd == 9, (byte)scale);
            var increment = odd == 8 ? 0.25m : new decimal(1, 0, 0, false, (byte)Math.Min(k, 28));
            var floor = increment > 0m ? Math.Floor(value / increment) * increment : value;
            var ceiling = increment > 0m ? Math.Ceiling(value / increment) * increment : value;
            Assert.Equal(floor.ToString(System.Globalization.CultureInfo.InvariantCulture),
                OrderSizer.FloorTo(value, increment).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(ceiling.ToString(System.Globalization.CultureInfo.InvariantCulture),
                OrderSizer.CeilTo(value, increment).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }, iter: 20_000);
    }
    [Fact]
    [Trait("Req", "REQ-X3")]
    public void Rounding_a_product_to_an_increment_gives_the_same_decimal_as_multiplying_first_digits_scale_and_sign_included()
    {
        // The synthesized quote rounds close × (1 ∓ half spread) on the mantissas: it must be the decimal that
        // multiplying and then rounding gives, for prices and factors of every size and scale, any increment, and
        // the cases left to the multiplication (negative, 96-bit, 1e12 and above, too many decimals).
        var text = System.Globalization.CultureInfo.InvariantCulture;
        Gen.Select(Gen.Long[0, long.MaxValue], Gen.Int[0, 10], Gen.Long[0, long.MaxValue], Gen.Int[0, 8], Gen.Int[0, 16], Gen.Int[0, 12])
            .Sample((units, scale, factorUnits, factorScale, k, kind) =>
            {
                // Kinds 0–7: prices under 1e11 and factors under 10, mostly within the mantissa path's reach (kinds
                // 0–5 keep at most 16 decimals in all); the others: negative, 96-bit, more decimals than 28 allow,
                // and increments that are not 10^-k.
                if (kind < 6) k = Math.Max(0, Math.Min(k, 16 - scale - factorScale));
                var value = Price(units, scale, kind);
                var factor = kind == 7
                    ? 1m - Decimal(factorUnits % 100_000, factorScale) / 100_000m
                    : Decimal(factorUnits % PowerOfTen(Math.Min(1 + factorScale, 18)), factorScale);
                var increment = kind switch { 11 => 0.25m, 12 => 0.010m, 6 when k == 16 => 0m, _ => new decimal(1, 0, 0, false, (byte)k) };
                Same(() => OrderSizer.FloorTo(value * factor, increment), () => OrderSizer.FloorTo(value, factor, increment));
                Same(() => OrderSizer.CeilTo(value * factor, increment), () => OrderSizer.CeilTo(value, factor, increment));
            }, iter: 50_000);

        // The shipped quote factors (5 bps) around a 2-decimal price: the common case, checked at its boundaries.
        foreach (var close in new[] { 0m, 0.01m, 1m, 87_123.45m, 99_999.99m, 123_456.7m, 1_000_000m })
        foreach (var factor in new[] { 0.99975m, 1.00025m, 1m, 1.0m })
        {
            Assert.Equal(OrderSizer.FloorTo(close * factor, 0.01m).ToString(text), OrderSizer.FloorTo(close, factor, 0.01m).ToString(text));
            Assert.Equal(OrderSizer.CeilTo(close * factor, 0.01m).ToString(text), OrderSizer.CeilTo(close, factor, 0.01m).ToString(text));
        }

        // The same bits (digits, scale, sign), or the same overflow where the multiplication overflows.
        static void Same(Func<decimal> multiplyingFirst, Func<decimal> onMantissas)
        {
            decimal expected;
            try { expected = multiplyingFirst(); }
            catch (OverflowException) { Assert.Throws<OverflowException>(() => onMantissas()); return; }
            Assert.Equal(decimal.GetBits(expected), decimal.GetBits(onMantissas()));
        }
    }

    [Fact]
    [Trait("Req", "REQ-X3")]
    public void A_quote_around_a_price_rounds_both_sides_to_the_decimals_that_multiplying_first_gives()
    {
        // RoundAround takes the bid and ask of a synthesized quote with one integer division: both must be the
        // decimals that multiplying by 1 ∓ half and then rounding give, bits included, for prices with fewer, as many
        // and more decimals than the increment, halves of every scale (zero and one included), increments that are
        // not 10^-k, and the cases left to the roundings (negative, 96-bit, 1e12 and above, too many decimals).
        Gen.Select(Gen.Long[0, long.MaxValue], Gen.Int[0, 10], Gen.Long[0, long.MaxValue], Gen.Int[0, 12], Gen.Int[0, 16], Gen.Int[0, 12])
            .Sample((units, scale, halfUnits, halfScale, k, kind) =>
            {
                if (kind < 7) k = Math.Max(0, Math.Min(k, 16 - scale - halfScale));
                var value = Price(units, scale, kind);
                var half = kind switch
                {
                    5 => 0m,
                    6 => Decimal(PowerOfTen(Math.Min(halfScale, 18)), halfScale), // 1: the bid is zero
                    _ => Decimal(halfUnits % PowerOfTen(Math.Min(halfScale, 18)), halfScale),
                };
                var increment = kind switch { 11 => 0.25m, 12 => 0.010m, 7 when k == 16 => 0m, _ => new decimal(1, 0, 0, false, (byte)k) };
                decimal bid, ask;
                try { (bid, ask) = (OrderSizer.FloorTo(value * (1m - half), increment), OrderSizer.CeilTo(value * (1m + half), increment)); }
                catch (OverflowException) { Assert.Throws<OverflowException>(() => OrderSizer.RoundAround(value, half, increment)); return; }
                var (floor, ceil) = OrderSizer.RoundAround(value, half, increment);
                Assert.Equal(decimal.GetBits(bid), decimal.GetBits(floor));
                Assert.Equal(decimal.GetBits(ask), decimal.GetBits(ceil));
            }, iter: 50_000);

        // The shipped spread (5 bps, half 0.00025) around 2-decimal prices, and one whose third decimal takes the roundings.
        foreach (var close in new[] { 0.01m, 1m, 87_123.45m, 99_999.99m, 123_456.7m, 1_000_000m, 87_123.455m })
        {
            var (bid, ask) = OrderSizer.RoundAround(close, 0.00025m, 0.01m);
            Assert.Equal(decimal.GetBits(OrderSizer.FloorTo(close * 0.99975m, 0.01m)), decimal.GetBits(bid));
            Assert.Equal(decimal.GetBits(OrderSizer.CeilTo(close * 1.00025m, 0.01m)), decimal.GetBits(ask));
        }
        Assert.Equal((87_101.66m, 87_145.24m), OrderSizer.RoundAround(87_123.45m, 0.00025m, 0.01m));
    }

    /// <summary>
    /// A price for the rounding property tests by kind: 8 negative, 9 with a 96-bit mantissa, 10 with 28 decimals, any
    /// other under 1e11 with <paramref name="scale"/> decimals.
    /// </summary>
    private static decimal Price(long units, int scale, int kind) => kind switch
    {
        8 => -Decimal(units % 1_000_000_000, scale),
        9 => Decimal(units, scale) * 1_000_000m,
        10 => Decimal(units, 28),
        _ => Decimal(units % PowerOfTen(Math.Min(11 + scale, 18)), scale),
    };

    private static long PowerOfTen(int exponent) => (long)Decimals.Pow10(exponent);

    private static decimal Decimal(long units, int scale) =>
        new((int)(units & 0xFFFFFFFF), (int)((ulong)units >> 32), 0, false, (byte)Math.Min(scale, 28));
}
