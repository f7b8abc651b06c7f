using System.Globalization;
using Trader.Domain.Config;
using Trader.Domain.Market;
using Trader.Domain.Risk;
using Trader.Domain.Trading;

namespace Trader.Domain.Sizing;

/// <summary>
/// The one fee-aware sizer (REQ-X3): the risk engine and execution both call it, so a size near the minimum
/// notional passes or fails identically in both layers. It holds only configuration (fee rates and the
/// configured minimums), no state.
/// </summary>
/// <remarks>
/// Entries (buys): the base size is rounded DOWN to the base increment and the price DOWN to the price
/// increment (a passive buy never pays more than asked). When the amount net of fees falls below the effective
/// minimum notional (max of the product's quote_min_size, execution.min_notional_usd and
/// position_sizing.min_order_usd) the size is bumped up to the smallest increment that meets it, but only while
/// the gross notional stays within the caller's cap; otherwise the answer is <c>below_min_notional</c>.
/// Exits (sells): the base size is rounded DOWN (never sell more than held) and the price UP; an exit only
/// needs what the venue accepts (base_min_size and quote_min_size), so a small position can always be closed.
/// </remarks>
public sealed class OrderSizer
{
    private const decimal BpsPerUnit = 10_000m;

    public OrderSizer(decimal makerFeeBps, decimal takerFeeBps, decimal configuredMinNotionalUsd)
    {
        if (makerFeeBps < 0m || makerFeeBps >= BpsPerUnit) throw new ArgumentOutOfRangeException(nameof(makerFeeBps));
        if (takerFeeBps < 0m || takerFeeBps >= BpsPerUnit) throw new ArgumentOutOfRangeException(nameof(takerFeeBps));
        MakerFeeBps = makerFeeBps;
        TakerFeeBps = takerFeeBps;
        ConfiguredMinNotionalUsd = Math.Max(0m, configuredMinNotionalUsd);
    }

    /// <summary>The sizer of a policy: its fees and max(execution.min_notional_usd, position_sizing.min_order_usd).</summary>
    public static OrderSizer FromPolicy(PolicyConfig policy) => new(
        policy.Execution.MakerFeeBps,
        policy.Execution.TakerFeeBps,
        Math.Max(policy.Execution.MinNotionalUsd, policy.PositionSizing.MinOrderUsd));

    /// <summary>The same sizer with the venue's fee tier (transaction_summary) instead of the configured fees.</summary>
    public OrderSizer WithFees(decimal makerFeeBps, decimal takerFeeBps) =>
        new(makerFeeBps, takerFeeBps, ConfiguredMinNotionalUsd);

    public decimal MakerFeeBps { get; }
    public decimal TakerFeeBps { get; }
    public decimal ConfiguredMinNotionalUsd { get; }

    public decimal FeeRate(LiquidityRole role) => (role == LiquidityRole.Maker ? MakerFeeBps : TakerFeeBps) / BpsPerUnit;

    /// <summary>max(product quote_min_size, execution.min_notional_usd, position_sizing.min_order_usd).</summary>
    public decimal EffectiveMinNotional(ProductInfo info) => Math.Max(info.QuoteMinSize, ConfiguredMinNotionalUsd);

    /// <summary>
    /// Sizes a buy of about <paramref name="targetNotional"/> (never above <paramref name="capNotional"/>) at
    /// <paramref name="price"/>.
    /// </summary>
    public SizingResult SizeBuy(ProductInfo info, decimal targetNotional, decimal capNotional, decimal price, LiquidityRole role)
    {
        var p = FloorTo(price, info.PriceIncrement);
        if (p <= 0m)
            return SizingResult.Rejected(ReasonCodes.BelowMinNotional, $"{info.ProductId}: no usable price ({Fmt(price)})");

        var cap = Math.Max(0m, capNotional);
        var target = Math.Min(Math.Max(0m, targetNotional), cap);
        var feeRate = FeeRate(role);
        var minNotional = EffectiveMinNotional(info);

        var baseSize = FloorTo(target / p, info.BaseIncrement);
        var bumped = false;
        if (!MeetsBuyMinimums(info, baseSize, p, feeRate, minNotional))
        {
            var needed = Math.Max(minNotional / (p * (1m - feeRate)), info.BaseMinSize);
            var minimal = CeilTo(needed, info.BaseIncrement);
            if (!MeetsBuyMinimums(info, minimal, p, feeRate, minNotional))
                minimal += info.BaseIncrement > 0m ? info.BaseIncrement : 0m;
            if (minimal * p > cap || !MeetsBuyMinimums(info, minimal, p, feeRate, minNotional))
            {
                return SizingResult.Rejected(ReasonCodes.BelowMinNotional,
                    $"{info.ProductId}: the smallest size meeting min notional {Fmt(minNotional)} net of fees " +
                    $"costs {Fmt(minimal * p)}, above the cap {Fmt(cap)}");
            }
            baseSize = minimal;
            bumped = true;
        }

        var order = Build(info.ProductId, OrderSide.Buy, baseSize, p, feeRate, role);
        return SizingResult.Accepted(order, bumped
            ? $"bumped to {Fmt(order.Notional)} so that the amount net of fees meets min notional {Fmt(minNotional)}"
            : $"sized {Fmt(order.Notional)} for a target of {Fmt(targetNotional)}");
    }

    /// <summary>Sizes a sell of up to <paramref name="baseSize"/> (an exit of a long) at <paramref name="price"/>.</summary>
    public SizingResult SizeSell(ProductInfo info, decimal baseSize, decimal price, LiquidityRole role)
    {
        var p = CeilTo(price, info.PriceIncrement);
        if (p <= 0m)
            return SizingResult.Rejected(ReasonCodes.BelowMinNotional, $"{info.ProductId}: no usable price ({Fmt(price)})");

        var size = FloorTo(Math.Max(0m, baseSize), info.BaseIncrement);
        if (size <= 0m || size < info.BaseMinSize || size * p < info.QuoteMinSize)
        {
            return SizingResult.Rejected(ReasonCodes.BelowMinNotional,
                $"{info.ProductId}: sell of {Fmt(size)} at {Fmt(p)} is below the venue minimum " +
                $"(base {Fmt(info.BaseMinSize)}, quote {Fmt(info.QuoteMinSize)})");
        }

        var order = Build(info.ProductId, OrderSide.Sell, size, p, FeeRate(role), role);
        return SizingResult.Accepted(order, $"sell {Fmt(size)} at {Fmt(p)}");
    }

    private static bool MeetsBuyMinimums(ProductInfo info, decimal baseSize, decimal price, decimal feeRate, decimal minNotional) =>
        baseSize > 0m && baseSize >= info.BaseMinSize && baseSize * price * (1m - feeRate) >= minNotional;

    private static SizedOrder Build(string productId, OrderSide side, decimal baseSize, decimal price, decimal feeRate, LiquidityRole role)
    {
        var notional = baseSize * price;
        return new SizedOrder(productId, side, baseSize, price, notional, notional * feeRate, role);
    }

    /// <summary>The largest multiple of <paramref name="increment"/> not above <paramref name="value"/>.</summary>
    public static decimal FloorTo(decimal value, decimal increment) =>
        increment <= 0m ? value
        : IsDecimalIncrement(value, increment) ? AtScale(Math.Round(value, increment.Scale, MidpointRounding.ToZero), increment.Scale)
        : Math.Floor(value / increment) * increment;

    /// <summary>The smallest multiple of <paramref name="increment"/> not below <paramref name="value"/>.</summary>
    public static decimal CeilTo(decimal value, decimal increment) =>
        increment <= 0m ? value
        : IsDecimalIncrement(value, increment) ? AtScale(Math.Round(value, increment.Scale, MidpointRounding.ToPositiveInfinity), increment.Scale)
        : Math.Ceiling(value / increment) * increment;

    /// <summary>
    /// <see cref="FloorTo(decimal, decimal)"/> of <paramref name="value"/> × <paramref name="factor"/>, the same decimal,
    /// scale included. When both are non-negative with 64-bit mantissas and the rounding is the 10^-k one, the product
    /// and its rounding are taken on the integer mantissas (a synthesized quote is two of these per product per minute).
    /// </summary>
    public static decimal FloorTo(decimal value, decimal factor, decimal increment) =>
        TryRoundProduct(value, factor, increment, up: false, out var rounded) ? rounded : FloorTo(value * factor, increment);

    /// <summary><see cref="CeilTo(decimal, decimal)"/> of <paramref name="value"/> × <paramref name="factor"/>, as <see cref="FloorTo(decimal, decimal, decimal)"/>.</summary>
    public static decimal CeilTo(decimal value, decimal factor, decimal increment) =>
        TryRoundProduct(value, factor, increment, up: true, out var rounded) ? rounded : CeilTo(value * factor, increment);

    /// <summary>
    /// (<see cref="FloorTo(decimal, decimal)"/> of value × (1 − half), <see cref="CeilTo(decimal, decimal)"/> of
    /// value × (1 + half)): a price's quote half a spread below and above it, the same two decimals, taken on the
    /// mantissas as <see cref="FloorTo(decimal, decimal, decimal)"/> takes one side (every product's quote, every
    /// minute of a backtest). With the mantissas a of the value and h of the half, the two products are a × 10^sh ∓
    /// a × h; when the value has no more decimals than the increment, a × 10^sh is a whole number of increments, so
    /// the two roundings are that number ∓ ⌈a × h / unit⌉, one integer division for both. Every case the mantissas
    /// cannot take rounds the two products.
    /// </summary>
    public static (decimal Floor, decimal Ceil) RoundAround(decimal value, decimal half, decimal increment) =>
        TryRoundAround(value, half, increment, out var floor, out var ceil)
            ? (floor, ceil)
            : (FloorTo(value, 1m - half, increment), CeilTo(value, 1m + half, increment));

    private static bool TryRoundAround(decimal value, decimal half, decimal increment, out decimal floor, out decimal ceil)
    {
        (floor, ceil) = (0m, 0m);
        if (!TryMantissa(value, out var a) || !TryMantissa(half, out var h) || !IsUnit(increment)) return false;
        int valueScale = value.Scale, halfScale = half.Scale, k = increment.Scale;
        var scale = valueScale + halfScale;
        if (scale + k > MaxExactScale || a == 0 || h >= IntegerPowersOfTen[halfScale]) return false;
        // Both products within 64 bits and under 1e12, as the single roundings take them on their mantissas.
        var one = IntegerPowersOfTen[halfScale];
        if (Math.BigMul(a, one + h, out var above) != 0 || above >= UnitsUnder1e12[scale]) return false;
        var below = a * (one - h);
        UInt128 bid, ask;
        if (scale > k && valueScale <= k)
        {
            var units = RoundedUnits(a * h, scale, k, up: true);
            var whole = a * IntegerPowersOfTen[k - valueScale];
            (bid, ask) = (whole - units, whole + units);
        }
        else (bid, ask) = (RoundedUnits(below, scale, k, up: false), RoundedUnits(above, scale, k, up: true));
        (floor, ceil) = (ExactDecimal.Of(bid, false, (byte)k), ExactDecimal.Of(ask, false, (byte)k));
        return true;
    }

    /// <summary>
    /// A product's mantissa at <paramref name="scale"/> decimals as a whole number of 10^-<paramref name="k"/> units:
    /// widened when it has fewer decimals, else truncated (or, <paramref name="up"/>, raised) to k decimals.
    /// </summary>
    private static UInt128 RoundedUnits(ulong product, int scale, int k, bool up)
    {
        if (scale <= k) return (UInt128)product * IntegerPowersOfTen[k - scale];
        var (units, remainder) = Math.DivRem(product, IntegerPowersOfTen[scale - k]);
        return up && remainder != 0 ? (UInt128)units + 1 : units;
    }

    /// <summary>Whether <paramref name="increment"/> is 10^-k for some k (mantissa 1, positive).</summary>
    private static bool IsUnit(decimal increment) => ExactDecimal.Mantissa(increment, out var negative) == 1 && !negative;

    /// <summary>
    /// value × factor rounded as <see cref="IsDecimalIncrement"/>'s branch rounds it, on the mantissas: the decimal
    /// product of mantissas a, b at scales sa, sb is a × b at scale sa + sb (exact: under 1e12 with at most 16
    /// decimals it has under 29 digits); rounding it to k decimals truncates (or, up, raises) it by 10^(sa + sb − k),
    /// and a product with fewer decimals is written with k. False for every other case (a product of more than 64
    /// bits or zero included), which the caller multiplies.
    /// </summary>
    private static bool TryRoundProduct(decimal value, decimal factor, decimal increment, bool up, out decimal rounded)
    {
        rounded = 0m;
        if (!TryMantissa(value, out var a) || !TryMantissa(factor, out var b)) return false;
        var k = increment.Scale;
        var scale = value.Scale + factor.Scale;
        if (scale + k > MaxExactScale || !IsUnit(increment)) return false;
        // A product of more than 64 bits, or zero, is left to the multiplication (the scale a decimal zero ends with is its own rule).
        if (Math.BigMul(a, b, out var product) != 0 || product == 0 || product >= UnitsUnder1e12[scale]) return false;
        rounded = ExactDecimal.Of(RoundedUnits(product, scale, k, up), false, (byte)k);
        return true;
    }

    /// <summary>The mantissa of a non-negative decimal that fits 64 bits.</summary>
    private static bool TryMantissa(decimal value, out ulong mantissa)
    {
        var digits = ExactDecimal.Mantissa(value, out var negative);
        mantissa = (ulong)digits;
        return !negative && digits <= ulong.MaxValue;
    }

    private static readonly ulong[] IntegerPowersOfTen = [.. Enumerable.Range(0, MaxExactScale + 1).Select(k => (ulong)Pow10(k, 10m))];
    // 1e12 at each scale up to 7 (a product at scale s is under 1e12 when its mantissa is under 10^(12 + s)); from
    // scale 8 on, every 64-bit mantissa is.
    private static readonly ulong[] UnitsUnder1e12 =
        [.. Enumerable.Range(0, MaxExactScale + 1).Select(s => s <= 7 ? (ulong)Pow10(12 + s, 10m) : ulong.MaxValue)];

    /// <summary>
    /// The usual increment 10^-k and a value ≥ 0 under 1e12 with at most 16 decimals with k: then the multiple is
    /// the value rounded to k decimals, which is the same number as ⌊value / increment⌋ × increment (or ⌈…⌉), and
    /// <see cref="AtScale"/> gives it the scale k that product has, so the result is the same decimal without a
    /// division (every synthesized quote and every sizing rounds twice).
    /// </summary>
    private static bool IsDecimalIncrement(decimal value, decimal increment)
    {
        var k = increment.Scale;
        return value >= 0m && value < 1e12m && value.Scale + k <= MaxExactScale && IsUnit(increment);
    }

    /// <summary><paramref name="rounded"/> (at most <paramref name="scale"/> decimals) written with exactly that many.</summary>
    private static decimal AtScale(decimal rounded, int scale) =>
        rounded.Scale == scale ? rounded : rounded * OnesAtScale[scale - rounded.Scale];

    private const int MaxExactScale = 16;
    private static readonly decimal[] PowersOfTen = [.. Enumerable.Range(0, MaxExactScale + 1).Select(k => Pow10(k, 10m))];
    private static readonly decimal[] NegativePowersOfTen = [.. Enumerable.Range(0, MaxExactScale + 1).Select(k => Pow10(k, 0.1m))];
    // 1, 1.0, 1.00, … (10^k × 10^-k): multiplying by one of them adds that many decimals and changes nothing else.
    private static readonly decimal[] OnesAtScale = [.. Enumerable.Range(0, MaxExactScale + 1).Select(k => PowersOfTen[k] * NegativePowersOfTen[k])];

    private static decimal Pow10(int k, decimal factor)
    {
        var result = 1m;
        for (var i = 0; i < k; i++) result *= factor;
        return result;
    }

    private static string Fmt(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
