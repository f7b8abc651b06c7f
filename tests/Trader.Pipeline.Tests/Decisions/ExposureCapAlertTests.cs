using Trader.Domain.Portfolio;
using Trader.Domain.Trading;
using Trader.Pipeline.Alerting;
using Trader.Pipeline.Alerts;
using Trader.Pipeline.Decisions;
using Trader.Pipeline.Scheduling;
using Trader.Pipeline.Tests.Alerting;
using Trader.Testing;
using Codes = Trader.Domain.Risk.ReasonCodes;

namespace Trader.Pipeline.Tests.Decisions;

/// <summary>REQ-AL1 for REQ-E1: a cycle's exposure-cap refusals become exposure_cap alerts, deduped, then resolved.</summary>
public sealed class ExposureCapAlertTests
{
    private static readonly string[] Products = ["BTC-USD", "ETH-USD"];
    private static readonly TimeSpan Sla = TimeSpan.FromSeconds(5);

    /// <summary>A working buy of 3,000 USD (30 % of the 10,000 NAV) in another product: the 15 % total-at-risk cap is full.</summary>
    private static readonly WorkingOrder CapFiller = new("SOL-USD", OrderSide.Buy, 30m, 100m, "cid-filler");

    private static async Task<CycleResult> CycleAfter(DecisionHarness h, long id, int seconds)
    {
        for (var i = 0; i < seconds; i++)
        {
            h.Clock.AdvanceBy(TimeSpan.FromSeconds(1));
            foreach (var product in Products)
                h.Publish(product, decimal.Round(DecisionHarness.SteadyRise(product, h.Clock.Now - VirtualTime.Epoch), 2));
        }
        return await h.Pipeline.RunCycleAsync(new CycleTick(id, h.Clock.Now));
    }

    [Fact]
    [Trait("Req", "REQ-AL1")]
    [Trait("Req", "REQ-E1")]
    public async Task Cap_refusals_alert_in_the_deciding_cycle_are_deduped_within_60_s_and_resolve_once_the_cap_frees()
    {
        await using var h = new DecisionHarness();
        using var manager = new AlertManager(h.Clock, h.Clock.TimeProvider, AlertPolicy.Default, [], new InMemoryAlertJournal());
        var raised = new List<GuardAlert>();
        using var toList = h.Pipeline.Alerts.Subscribe(raised.Add);
        using var toManager = h.Pipeline.Alerts.Subscribe(manager.Raise);
        h.Online(Products);
        h.Portfolio.View = h.Portfolio.View with { WorkingOrders = [CapFiller] };

        // 17 minutes of a steady rise without cycles (the 15-minute trigger needs the history), then a cycle every 15 s.
        await h.RunAsync(17, Products, DecisionHarness.SteadyRise);
        var breaching = new List<CycleResult>();
        for (var id = 1; id <= 4; id++) breaching.Add(await CycleAfter(h, id, 15));

        var refusals = h.Journal.Rows.Where(r => r.ReasonCode == Codes.MaxTotalAtRiskPct).ToList();
        Assert.NotEmpty(refusals);
        var first = refusals[0];
        var published = manager.PublishedSoFar.Where(n => n.Kind == AlertKinds.ExposureCap).ToList();
        var alert = Assert.Single(published, n => n.ProductId == first.ProductId && !n.Resolved);
        Assert.Equal($"{AlertKinds.ExposureCap}|{first.ProductId}|{Codes.MaxTotalAtRiskPct}", alert.DedupeKey);
        Assert.Equal(AlertSeverity.Warning, alert.Severity);
        Assert.InRange(alert.Ts - first.Ts, TimeSpan.Zero, Sla);
        Assert.Contains("max_total_at_risk_pct", alert.Message, StringComparison.Ordinal);
        Assert.Contains("used", alert.Message, StringComparison.Ordinal);   // the numbers: "… used … of …"

        // Every breaching cycle raised again; within the 60 s window the manager suppressed the repeats.
        var raisedForFirst = raised.Count(a => a.ProductId == first.ProductId && !a.Resolved);
        Assert.Equal(refusals.Count(r => r.ProductId == first.ProductId), raisedForFirst);
        Assert.True(raisedForFirst >= 2, $"the cap refused {first.ProductId} in {raisedForFirst} cycle(s)");
        Assert.True(manager.Suppressed >= raisedForFirst - 1, $"suppressed {manager.Suppressed}");
        Assert.Contains($"{AlertKinds.ExposureCap}|{first.ProductId}|{Codes.MaxTotalAtRiskPct}", manager.OpenEpisodes);

        // The filler order is gone: an entry is approved again and each open episode resolves in the first cycle without the breach.
        h.Portfolio.View = h.Portfolio.View with { WorkingOrders = [] };
        var freed = h.Clock.Now;
        for (var id = 5; id <= 8; id++) await CycleAfter(h, id, 15);

        Assert.Contains(h.Journal.Rows, r => r.Ts > freed && r.Kind == DecisionJournalKinds.Proposal && r.Outcome == DecisionJournalKinds.Approved);
        var resolved = Assert.Single(manager.PublishedSoFar, n => n.Kind == AlertKinds.ExposureCap && n.ProductId == first.ProductId && n.Resolved);
        Assert.True(resolved.Ts > freed);
        Assert.DoesNotContain(manager.OpenEpisodes, k => k.StartsWith(AlertKinds.ExposureCap, StringComparison.Ordinal));
        Assert.DoesNotContain(h.Journal.Rows, r => r.Ts > freed && r.ReasonCode == Codes.MaxTotalAtRiskPct);
    }

    [Theory]
    [InlineData("resized from 900 to fit risk.max_total_at_risk_pct (500 left); size 0.01", Codes.MaxTotalAtRiskPct)]
    [InlineData("resized from 900 to fit risk.max_position_size_pct (500 left); size 0.01", Codes.PositionSizeTooLarge)]
    [InlineData("resized from 900 to fit risk.max_per_theme_pct.defi (500 left); size 0.01", Codes.ThemeCap)]
    [InlineData("resized from 900 to fit tiers.core.max_allocation_pct (500 left); size 0.01", Codes.TierCap)]
    [InlineData("resized from 900 to fit position_sizing.max_order_usd (500 left); size 0.01", null)]
    [InlineData("size 0.01", null)]
    [Trait("Req", "REQ-E1")]
    public void A_resize_alerts_under_the_code_of_the_cap_that_bound_it_and_the_order_size_limit_is_no_cap(string detail, string? code) =>
        Assert.Equal(code, ExposureCapAlerts.BindingCapOf(detail));
}
