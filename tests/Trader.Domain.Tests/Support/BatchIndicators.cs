using Trader.Domain.Market;
using Trader.Domain.Triggers;

namespace Trader.Domain.Tests.Support;

/// <summary>
/// A deliberately naive reference: recomputes every indicator from the whole candle history by expanding it
/// to a minute grid (gap minutes repeat the previous close with zero volume) and scanning the windows.
/// </summary>
internal static class BatchIndicators
{
    private sealed record Slot(decimal High, decimal Low, decimal Close, decimal Volume);

    public static IndicatorReading Compute(IEnumerable<Candle> history, IndicatorSettings settings)
    {
        var grid = new List<Slot>();
        DateTimeOffset? last = null;
        foreach (var c in history)
        {
            if (last is { } l)
            {
                if (c.Start <= l) continue;
                for (var t = l.AddMinutes(1); t < c.Start; t = t.AddMinutes(1))
                    grid.Add(new Slot(grid[^1].Close, grid[^1].Close, grid[^1].Close, 0m));
            }
            grid.Add(new Slot(c.High, c.Low, c.Close, c.Volume));
            last = c.Start;
        }
        if (grid.Count == 0) return IndicatorReading.Empty;

        var n = grid.Count;
        var minutes = Math.Min(n, settings.WindowMinutes);
        var close = grid[^1].Close;
        decimal? Ago(int k) => grid[n - 1 - k].Close;

        decimal? momentum = null, share = null;
        if (minutes > Math.Max(settings.MomentumLookbackMinutes, 720))
        {
            momentum = IndicatorState.ChangePct(Ago(settings.MomentumLookbackMinutes)!.Value, close);
            if (momentum is { } r)
            {
                var same = Enumerable.Range(0, 12).Count(k => Ago(60 * k) - Ago(60 * (k + 1)) > 0m == r > 0m);
                share = same / 12m;
            }
        }
        var hasVolume = minutes >= 1440;
        var hasBreakout = minutes >= settings.BreakoutLookbackMinutes;
        var window = grid.Skip(n - settings.BreakoutLookbackMinutes).ToList();
        return new IndicatorReading(
            last!.Value.AddMinutes(1), minutes, close,
            minutes > 15 ? IndicatorState.ChangePct(Ago(15)!.Value, close) : null,
            minutes > 60 ? IndicatorState.ChangePct(Ago(60)!.Value, close) : null,
            hasVolume ? grid.Skip(n - 60).Sum(s => s.Volume) : null,
            hasVolume ? grid.Skip(n - 1440).Sum(s => s.Volume) / 24m : null,
            hasBreakout ? window.Max(s => s.High) : null,
            hasBreakout ? window.Min(s => s.Low) : null,
            momentum, share);
    }
}
