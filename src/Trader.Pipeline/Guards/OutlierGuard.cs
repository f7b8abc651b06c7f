using Trader.Pipeline.Market;

namespace Trader.Pipeline.Guards;

/// <summary>
/// REQ-O1 on one quote stream: a tick whose spread exceeds the product's limit is rejected as
/// <c>wide_spread</c>; a tick whose mid lies more than <see cref="OutlierSettings.Sigma"/> σ from the mean of
/// the accepted mids of the last <see cref="OutlierSettings.Window"/> is rejected as <c>outlier</c>. Rejected
/// mids never enter the window (a spike cannot widen σ for the next spike). Not thread-safe: one instance per
/// subscription, fed serially (the Rx contract).
/// </summary>
public sealed class OutlierGuard
{
    private readonly OutlierSettings _settings;
    private readonly Func<string, decimal> _spreadLimitBps;
    private readonly RejectionCounters _counters;
    private readonly Dictionary<string, MidWindow> _windows = new(StringComparer.Ordinal);
    private readonly long _windowTicks;

    public OutlierGuard(OutlierSettings settings, Func<string, decimal> spreadLimitBps, RejectionCounters? counters = null)
    {
        _settings = settings;
        _spreadLimitBps = spreadLimitBps;
        _counters = counters ?? new RejectionCounters();
        _windowTicks = settings.Window.Ticks;
    }

    public RejectionCounters Counters => _counters;

    public QuoteVerdict Judge(in ProductQuote tick, DateTimeOffset now)
    {
        var quote = tick.Quote;
        if (quote.Bid <= 0m || quote.Ask <= 0m || quote.Ask < quote.Bid) return Reject(tick, ReasonCodes.WideSpread, 0);
        if (quote.SpreadAbove(_spreadLimitBps(tick.ProductId))) return Reject(tick, ReasonCodes.WideSpread, 0);
        var mid = (double)quote.Mid;

        if (!_windows.TryGetValue(tick.ProductId, out var window))
        {
            window = new MidWindow();
            _windows.Add(tick.ProductId, window);
        }
        var nowTicks = now.UtcTicks;
        window.Evict(nowTicks - _windowTicks);

        var z = 0.0;
        if (window.Count >= _settings.MinSamples)
        {
            var mean = window.Mean;
            var sigma = Math.Max(window.StdDev, Math.Abs(mean) * _settings.SigmaFloorBps / 10_000.0);
            z = sigma > 0 ? Math.Abs(mid - mean) / sigma : 0;
            if (z > _settings.Sigma)
            {
                window.ConsecutiveOutliers++;
                if (window.ConsecutiveOutliers < _settings.ShiftConfirmTicks)
                    return Reject(tick, ReasonCodes.Outlier, z);
                window.Clear();
            }
        }
        window.ConsecutiveOutliers = 0;
        window.Add(nowTicks, mid);
        return new QuoteVerdict(tick.ProductId, quote, null, z);
    }

    private QuoteVerdict Reject(in ProductQuote tick, string reason, double z)
    {
        _counters.Count(reason);
        return new QuoteVerdict(tick.ProductId, tick.Quote, reason, z);
    }
}
