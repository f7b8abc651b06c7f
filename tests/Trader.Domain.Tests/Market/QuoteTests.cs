using CsCheck;
using Trader.Domain.Market;
using Trader.Domain.Tests.Support;

namespace Trader.Domain.Tests.Market;

public sealed class QuoteTests
{
    [Fact]
    [Trait("Req", "REQ-U1")]
    public void SpreadAbove_agrees_with_the_decimal_spread_also_at_and_around_the_limit()
    {
        // The universe and risk checks compare the spread with binary floating point first and divide in decimal
        // only near the limit: the answer must be the exact decimal comparison's, in particular at the boundary.
        // Kinds 0–5: usual quotes; 6: crossed by up to 2,000 units; 7: crossed by one unit at 28 decimals (converts to
        // equal doubles); 8: around the 1e12 bound; 9: a zero or negative bid.
        Gen.Select(Gen.Long[1, 9_999_999_999_999], Gen.Int[0, 12], Gen.Int[0, 2_000], Gen.Int[-3, 3], Gen.Int[0, 9]).Sample((units, scale, spreadUnits, nudge, kind) =>
        {
            var bid = kind switch
            {
                7 => 1m + units / 1e28m,
                8 => 1e12m - units / 1e10m,
                9 => -(units % 3) / Decimals.Pow10(scale),
                _ => units / Decimals.Pow10(scale),
            };
            var ask = kind switch
            {
                6 => bid - spreadUnits / Decimals.Pow10(scale),
                7 => bid - 1e-28m,
                _ => bid + spreadUnits / Decimals.Pow10(scale),
            };
            var quote = new Quote(bid, ask, bid, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
            var exact = quote.SpreadBps;
            foreach (var limit in new[] { exact, Math.Round(exact, 4) + nudge / 1_000_000m, Math.Round(exact, 10) + nudge / 1e12m, 20m, 0.00001m, 0.0001m, -1m, 0m })
                Assert.Equal(exact > limit, quote.SpreadAbove(limit));
        }, iter: 40_000);
    }
}
