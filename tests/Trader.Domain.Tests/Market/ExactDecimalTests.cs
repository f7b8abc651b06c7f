using CsCheck;
using Trader.Domain.Market;
using Trader.Domain.Tests.Support;

namespace Trader.Domain.Tests.Market;

public sealed class ExactDecimalTests
{
    [Fact]
    public void Half_is_the_decimal_division_by_two_scale_included()
    {
        // Mids are printed in journals and reports, so "the same value" is not enough: the bits must match.
        var mantissa = Gen.Select(Gen.UInt, Gen.UInt, Gen.UInt[0, uint.MaxValue]);
        Gen.Select(mantissa, Gen.Bool, Gen.Byte[0, 28]).Sample((m, negative, scale) =>
        {
            var value = new decimal((int)m.Item1, (int)m.Item2, (int)m.Item3, negative, scale);
            AssertSameBits(value / 2m, ExactDecimal.Half(value));
        }, iter: 50_000);

        // Prices as they come: few digits, every scale, odd and even.
        Gen.Select(Gen.Long[0, 9_999_999_999_999], Gen.Byte[0, 28]).Sample((units, scale) =>
        {
            var value = new decimal(units) / Decimals.Pow10(scale);
            AssertSameBits(value / 2m, ExactDecimal.Half(value));
        }, iter: 50_000);

        foreach (var edge in new[]
        {
            0m, 0.00m, -0m, 1m, -1m, 3m, 1e-28m, 3e-28m, -3e-28m, decimal.MaxValue, decimal.MinValue, decimal.MaxValue / 5m,
            decimal.MaxValue / 5m + 1m, 7.9228162514264337593543950335m, 0.0000000000000000000000000005m,
            new decimal(0, 0, 0, true, 3), new decimal(1, 0, 0, true, 27),
        })
            AssertSameBits(edge / 2m, ExactDecimal.Half(edge));
    }

    [Fact]
    public void Quote_mid_is_bid_plus_ask_divided_by_two()
    {
        var quote = new Quote(27_123.45m, 27_123.46m, 27_123.45m, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        Assert.Equal("27123.455", quote.Mid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        AssertSameBits((quote.Bid + quote.Ask) / 2m, quote.Mid);
    }

    private static void AssertSameBits(decimal expected, decimal actual) =>
        Assert.Equal(decimal.GetBits(expected), decimal.GetBits(actual));
}
