using CsCheck;
using Trader.Domain.Decisions;
using Trader.Domain.Market;
using Trader.Domain.Portfolio;
using Trader.Domain.Risk;
using Trader.Domain.Tests.Support;
using Trader.Domain.Trading;
using Trader.Domain.Triggers;

namespace Trader.Domain.Tests.Decisions;

public sealed class DeterminismTests
{
    private static readonly string[] Products = ["BTC-USD", "ETH-USD", "SOL-USD", "DOGE-USD", "LINK-USD", "XRP-USD", "AVAX-USD"];

    private static readonly Gen<DecisionSnapshot> Snapshots =
        from prices in Gen.Int[1, 100_000].Array[Products.Length]
        from spreads in Gen.Int[0, 40].Array[Products.Length]
        from moves in Gen.Select(Gen.Int[-500, 500], Gen.Int[-900, 900], Gen.Int[0, 400]).Array[Products.Length]
        from held in Gen.Select(Gen.Int[0, Products.Length - 1], Gen.Int[1, 900], Gen.Int[50, 150]).Array[0, 4]
        from working in Gen.Select(Gen.Int[0, Products.Length - 1], Gen.Int[1, 600], Gen.Bool).Array[0, 4]
        from cooling in Gen.Select(Gen.Int[0, Products.Length - 1], Gen.Int[-120, 120], Gen.Bool).Array[0, 3]
        from trades in Gen.Select(Gen.Int[0, Products.Length - 1], Gen.Int[1, 5_000]).Array[0, 6]
        from nav in Gen.Int[1_000, 50_000]
        from drawdown in Gen.Int[0, 15]
        from flags in Gen.Int[0, 15]
        from stale in Gen.Int[0, 127]
        select Build(prices, spreads, moves, held, working, cooling, trades, nav, drawdown, flags, stale);

    private static DecisionSnapshot Build(int[] prices, int[] spreads, (int, int, int)[] moves, (int, int, int)[] held,
        (int, int, bool)[] working, (int, int, bool)[] cooling, (int, int)[] trades, int nav, int drawdown, int flags, int stale)
    {
        decimal Price(int i) => prices[i] / 100m;
        var views = Products.Select((p, i) => Snap.View(p, Price(i), spreadBps: spreads[i], quoteStale: (stale >> i & 1) == 1 && i % 3 == 0));
        var indicators = Products.Select((p, i) => (p, Snap.Reading(Price(i), moves[i].Item1 / 100m, moves[i].Item2 / 100m, volume1h: moves[i].Item3, avgHourly: 100m)))
            .ToDictionary(x => x.p, x => x.Item2);
        var positions = held.GroupBy(h => h.Item1).Select(g => new Position(Products[g.Key], g.First().Item2 / Price(g.Key),
            Price(g.Key) * g.First().Item3 / 100m, Snap.T0.AddHours(-g.First().Item2 % 80), MaxHold: TimeSpan.FromHours(48))).ToList();
        var hwm = nav * (1m + drawdown / 100m);
        return Snap.Snapshot(
            markets: views,
            indicators: indicators,
            portfolio: new PortfolioState(nav / 2m, positions, nav, hwm, nav, nav),
            working: working.Select(w => new WorkingOrder(Products[w.Item1], w.Item3 ? OrderSide.Buy : OrderSide.Sell, w.Item2 / Price(w.Item1) / 10m, Price(w.Item1))).ToList(),
            cooldowns: cooling.Select(c => new Cooldown(Products[c.Item1], Snap.T0.AddMinutes(c.Item2), c.Item3 ? CooldownKind.Stop : CooldownKind.Fill)).ToList(),
            trades: trades.Select(t => new TradeRecord(Products[t.Item1], OrderSide.Buy, Snap.T0.AddSeconds(-t.Item2))).ToList(),
            safety: SafetyState.Clear with { KillSwitchActive = flags == 15, DailyStopLatched = flags == 14, OutlierProducts = new HashSet<string> { Products[flags % Products.Length] } });
    }

    /// <summary>The same content, every collection in reverse order (dictionaries re-inserted backwards).</summary>
    private static DecisionSnapshot Reversed(DecisionSnapshot s) => s with
    {
        Markets = s.Markets.Reverse().ToDictionary(kv => kv.Key, kv => kv.Value),
        Indicators = s.Indicators.Reverse().ToDictionary(kv => kv.Key, kv => kv.Value),
        Portfolio = s.Portfolio with { Positions = s.Portfolio.Positions.Reverse().ToList() },
        WorkingOrders = s.WorkingOrders.Reverse().ToList(),
        Cooldowns = s.Cooldowns.Reverse().ToList(),
        RecentTrades = s.RecentTrades.Reverse().ToList(),
    };

    [Fact]
    public void Property_the_same_snapshot_always_gives_the_same_decision()
    {
        var config = Snap.Config(strategy: st => st with { MaxNewPositionsPerCycle = 3 }, risk: r => r with { MinSecondsBetweenTrades = 30m });
        var first = new DecisionEngine(config);
        int withEntries = 0, withExits = 0, withRejections = 0;
        Snapshots.Sample(snapshot =>
        {
            var decision = first.Decide(snapshot);
            if (decision.Entries.Count > 0) Interlocked.Increment(ref withEntries);
            if (decision.Exits.Count > 0) Interlocked.Increment(ref withExits);
            if (decision.Rejections.Count > 0) Interlocked.Increment(ref withRejections);
            var expected = decision.ToCanonicalText();
            Assert.Equal(expected, first.Decide(snapshot).ToCanonicalText());
            Assert.Equal(expected, new DecisionEngine(config).Decide(snapshot).ToCanonicalText());
            Assert.Equal(expected, first.Decide(Reversed(snapshot)).ToCanonicalText());
        }, iter: 300);

        // The generated snapshots exercise approvals, exits and rejections, not only empty decisions.
        Assert.True(withEntries > 10 && withExits > 10 && withRejections > 10, $"{withEntries} / {withExits} / {withRejections}");
    }

    [Fact]
    public void Reason_codes_are_exactly_the_contract_list()
    {
        var contracts = File.ReadAllText(Path.Combine(Trader.Testing.RepoPaths.Shared, "CONTRACTS.md"));
        var section = contracts[contracts.IndexOf("Risk/universe reason codes", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("Add new ones", StringComparison.Ordinal)];
        var listed = System.Text.RegularExpressions.Regex.Matches(section, "`([a-z_]+)`").Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(listed, ReasonCodes.All);
        Assert.Equal(24, ReasonCodes.All.Distinct().Count());
    }
}
