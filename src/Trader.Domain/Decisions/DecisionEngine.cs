using Trader.Domain.Config;
using Trader.Domain.Regime;
using Trader.Domain.Risk;
using Trader.Domain.Rules;
using Trader.Domain.Sizing;
using Trader.Domain.Triggers;
using Trader.Domain.Universe;

namespace Trader.Domain.Decisions;

/// <summary>
/// The pure decision policy: snapshot in, decision out. Regime → universe → triggers → rules (entries and
/// exits) → risk (with the one <see cref="OrderSizer"/>). Holds only immutable configuration; no clock, no IO,
/// no state between calls that could change a result, so the same snapshot always gives the same decision (the
/// regime assessment of the last reading is remembered: it is a pure function of the reading and the
/// configuration and changes once an hour, while its reason text would otherwise be formatted every cycle).
/// </summary>
public sealed class DecisionEngine
{
    private readonly TraderConfig _config;
    private readonly RiskEngine _risk;
    // Per regime (indexed by MarketRegime), from the immutable configuration: looked up once, not every cycle.
    private readonly TriggerThresholds[] _thresholds;
    private RegimeMemo? _regime;

    public DecisionEngine(TraderConfig config) : this(config, OrderSizer.FromPolicy(config.Policy)) { }

    /// <summary>With a given sizer (e.g. the venue's fee tier); execution must size with the same one.</summary>
    public DecisionEngine(TraderConfig config, OrderSizer sizer)
    {
        _config = config;
        Map = new UniverseMap(config.Universe, config.Policy);
        Sizer = sizer;
        _risk = new RiskEngine(config, Map, sizer);
        var regimes = Enum.GetValues<MarketRegime>();
        _thresholds = new TriggerThresholds[(int)regimes.Max() + 1];
        foreach (var regime in regimes) _thresholds[(int)regime] = TriggerThresholds.For(regime, config);
    }

    public UniverseMap Map { get; }

    public OrderSizer Sizer { get; }

    public Decision Decide(DecisionSnapshot snapshot)
    {
        var regime = AssessRegime(snapshot.Regime);
        var universe = UniverseBuilder.Build(Map, snapshot.Markets, _config.Universe);
        var scan = TriggerEngine.Scan(universe, snapshot.Indicators, ThresholdsOf(regime.Regime), _config);
        var entries = RulesEngine.ProposeEntries(scan.Signals, universe, regime, snapshot.Portfolio, snapshot.WorkingOrders, _config.Policy);
        var exits = RulesEngine.ProposeExits(snapshot, _config.Policy);
        var risk = _risk.Evaluate(snapshot, regime, exits, entries.Proposals);

        var rejections = new List<Rejection>(entries.Rejections.Count + risk.Rejections.Count);
        rejections.AddRange(entries.Rejections);
        rejections.AddRange(risk.Rejections);
        return new Decision(snapshot.CycleId, snapshot.Now, regime, universe.Exclusions, scan.Signals,
            risk.Exits, risk.Entries, rejections, risk.ActiveHalts);
    }

    private TriggerThresholds ThresholdsOf(MarketRegime regime) =>
        (uint)regime < (uint)_thresholds.Length ? _thresholds[(int)regime] : TriggerThresholds.For(regime, _config);

    private RegimeAssessment AssessRegime(RegimeReading reading)
    {
        // One immutable reference read and written whole, so concurrent callers at worst recompute it.
        var memo = _regime;
        if (memo is not null && memo.Reading == reading) return memo.Assessment;
        var assessment = RegimeClassifier.Assess(reading, _config.Policy.Regime);
        _regime = new RegimeMemo(reading, assessment);
        return assessment;
    }

    private sealed record RegimeMemo(RegimeReading Reading, RegimeAssessment Assessment);
}
