using System.Globalization;
using Trader.Pipeline.Alerts;

namespace Trader.Pipeline.Guards;

/// <summary>
/// REQ-AL1 for REQ-O1: one <c>outlier</c> alert (warning) per product and rejection reason (<c>outlier</c> or
/// <c>wide_spread</c>) per episode, not per tick. The first rejected tick opens the episode and raises at once
/// (at that tick's instant); further rejections are counted into it; the episode is resolved by the first accepted
/// tick at least <see cref="Recovery"/> after the last rejection of that reason, so a product flickering around
/// its spread limit stays one episode instead of a stream of alerts. Not thread-safe: fed serially with the
/// guard's verdicts.
/// </summary>
public sealed class OutlierEpisodes
{
    private readonly Action<GuardAlert> _raise;
    private readonly Dictionary<(string Product, string Reason), Episode> _open = [];

    public OutlierEpisodes(Action<GuardAlert> raise, TimeSpan? recovery = null)
    {
        _raise = raise;
        Recovery = recovery ?? TimeSpan.FromSeconds(5);
    }

    public TimeSpan Recovery { get; }

    public void Observe(in QuoteVerdict verdict, DateTimeOffset now)
    {
        if (verdict.RejectReason is { } reason)
        {
            var key = (verdict.ProductId, reason);
            if (_open.TryGetValue(key, out var episode))
            {
                episode.Rejected++;
                episode.Last = now;
                return;
            }
            _open[key] = new Episode(now);
            _raise(new GuardAlert(AlertKinds.Outlier, AlertSeverity.Warning, verdict.ProductId, reason,
                Describe(verdict, reason), now, Resolved: false));
            return;
        }
        if (_open.Count == 0) return;
        foreach (var candidate in new[] { ReasonCodes.Outlier, ReasonCodes.WideSpread })
        {
            var key = (verdict.ProductId, candidate);
            if (!_open.TryGetValue(key, out var open) || now - open.Last < Recovery) continue;
            _open.Remove(key);
            _raise(new GuardAlert(AlertKinds.Outlier, AlertSeverity.Info, verdict.ProductId, candidate,
                string.Create(CultureInfo.InvariantCulture,
                    $"{verdict.ProductId} quotes accepted again after {open.Rejected} {candidate} tick(s) since {open.Since:HH:mm:ss.fff}"),
                now, Resolved: true));
        }
    }

    private static string Describe(in QuoteVerdict verdict, string reason)
    {
        var quote = verdict.Quote;
        return reason == ReasonCodes.Outlier
            ? string.Create(CultureInfo.InvariantCulture,
                $"{verdict.ProductId} tick rejected as outlier: mid {quote.Mid} is {verdict.ZScore:0.0} σ from the window mean")
            : string.Create(CultureInfo.InvariantCulture,
                $"{verdict.ProductId} tick rejected for a wide spread: bid {quote.Bid} ask {quote.Ask}");
    }

    private sealed class Episode(DateTimeOffset since)
    {
        public DateTimeOffset Since { get; } = since;
        public DateTimeOffset Last { get; set; } = since;
        public int Rejected { get; set; } = 1;
    }
}
