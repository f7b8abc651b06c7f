using System.Globalization;

namespace Trader.Host.Backtest;

/// <summary>
/// The regression gate (REQ-BT3): each metric's deviation is |new − old| / max(|old|, floor) × 100 and fails when it
/// is above <see cref="LimitPct"/> (2 %). The floor keeps values near zero meaningful: a relative deviation of a
/// value that is nearly zero would flag noise, so below the floor the deviation is measured against the floor:
/// net PnL and fees 0.01 % of the initial capital (1 USD on 10,000), max drawdown 0.01 percentage points,
/// trades 1 trade (so 0 → 1 trade fails, 50 → 51 passes).
/// </summary>
public static class BaselineGate
{
    public const decimal LimitPct = 2m;
    public const decimal MoneyFloorFraction = 0.0001m;
    public const decimal DrawdownFloorPct = 0.01m;
    public const decimal TradesFloor = 1m;

    public static IReadOnlyList<MetricDeviation> Compare(BaselineMetrics baseline, BaselineMetrics current)
    {
        var moneyFloor = Math.Max(baseline.InitialCapital * MoneyFloorFraction, 0.01m);
        return
        [
            Deviation("net_pnl", baseline.NetPnl, current.NetPnl, moneyFloor),
            Deviation("max_drawdown_pct", baseline.MaxDrawdownPct, current.MaxDrawdownPct, DrawdownFloorPct),
            Deviation("trades", baseline.Trades, current.Trades, TradesFloor),
            Deviation("fees", baseline.Fees, current.Fees, moneyFloor),
        ];
    }

    public static MetricDeviation Deviation(string name, decimal old, decimal now, decimal floor)
    {
        var pct = Math.Abs(now - old) / Math.Max(Math.Abs(old), floor) * 100m;
        return new MetricDeviation(name, old, now, Math.Round(pct, 4, MidpointRounding.ToEven), pct <= LimitPct);
    }

    /// <summary>One line per metric: name, old, new, deviation, verdict.</summary>
    public static string Format(MetricDeviation d) => string.Create(CultureInfo.InvariantCulture,
        $"{d.Name,-17} old {d.Old,16}  new {d.New,16}  deviation {d.DeviationPct,8:0.####} %  {(d.WithinLimit ? "ok" : $"FAIL (> {LimitPct} %)")}");
}
