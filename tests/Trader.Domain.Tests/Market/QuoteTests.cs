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
        Gen.Select(Gen.Long[1, 9_999_999_999_999], Gen.Int[0, 12], Gen.Int[0, 2_000], Gen.Int[-3, 3]).Sample((units, scale, spreadUnits, nudge) =>
        {
            var bid = units / Decimals.Pow10(scale);
            var ask = bid + spreadUnits / Decimals.Pow10(scale);
            var quote = new Quote(bid, ask, bid, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
            var exact = quote.SpreadBps;
            foreach (var limit in new[] { exact, Math.Round(exact, 4) + nudge / 1_000_000m, Math.Round(exact, 10) + nudge / 1e12m, 20m, 0.00001m })
                Assert.Equal(exact > limit, quote.SpreadAbove(limit));
        }, iter: 20_000);
    }
}
