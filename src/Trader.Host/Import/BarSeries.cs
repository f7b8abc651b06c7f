namespace Trader.Host.Import;

/// <summary>The bars of one product, sorted by start, with the bar length and the finest price decimal seen.</summary>
public sealed record BarSeries(string ProductId, IReadOnlyList<SourceBar> Bars, TimeSpan BarLength, int PriceScale)
{
    /// <summary>Sorts, drops duplicate starts (counted) and infers the bar length as the smallest start-to-start step.</summary>
    public static BarSeries Build(string productId, List<SourceBar> bars, TimeSpan? knownLength, ImportIssues issues, bool fiatQuote)
    {
        bars.Sort((a, b) => a.Start.CompareTo(b.Start));
        var unique = new List<SourceBar>(bars.Count);
        foreach (var bar in bars)
        {
            if (unique.Count > 0 && unique[^1].Start == bar.Start)
            {
                issues.Bad(productId, 0, "duplicate_bar", $"second bar at {bar.Start:O} ignored");
                continue;
            }
            unique.Add(bar);
        }
        var length = knownLength ?? InferLength(unique);
        var scale = 0;
        foreach (var bar in unique)
        {
            // A quote bar's OHLC is the computed mid: its decimals say nothing about the price grid.
            if (bar.Bid is null) scale = Math.Max(scale, MaxScale(bar.Open, bar.High, bar.Low, bar.Close));
            if (bar.Bid is { } bid) scale = Math.Max(scale, MaxScale(bid.Open, bid.High, bid.Low, bid.Close));
            if (bar.Ask is { } ask) scale = Math.Max(scale, MaxScale(ask.Open, ask.High, ask.Low, ask.Close));
        }
        if (fiatQuote) scale = Math.Max(scale, 2);
        return new BarSeries(productId, unique, length, Math.Min(scale, 10));
    }

    private static TimeSpan InferLength(List<SourceBar> bars)
    {
        var best = TimeSpan.MaxValue;
        for (var i = 1; i < bars.Count; i++)
        {
            var step = bars[i].Start - bars[i - 1].Start;
            if (step > TimeSpan.Zero && step < best) best = step;
        }
        return best == TimeSpan.MaxValue ? TimeSpan.FromMinutes(1) : best;
    }

    private static int MaxScale(decimal a, decimal b, decimal c, decimal d) =>
        Math.Max(Math.Max(a.Scale, b.Scale), Math.Max(c.Scale, d.Scale));
}
