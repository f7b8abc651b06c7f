using System.Reactive.Concurrency;
using Trader.Pipeline.Alerts;

namespace Trader.Pipeline.Guards;

/// <summary>
/// REQ-ST1 detection on the one clock. For every product and kind one timer is pending at the breach instant
/// (last fresh time + max age) plus one clock tick (stale means age &gt; max). When it fires and nothing fresher
/// arrived, the episode opens and one <c>staleness</c> alert is raised at that instant; when fresher data did
/// arrive, the timer is simply re-armed for the new deadline. Fresh data for an open episode raises the
/// resolved alert. Detection therefore never depends on further ticks: a product that falls silent is caught
/// exactly at its deadline, and a busy product costs one timer per max-age period, not one per tick.
/// A product is tracked from its first mark (or <see cref="Track"/>); a kind never seen is measured from then.
/// Thread-safe: marks may arrive on the feed thread while timers fire on the scheduler.
/// </summary>
public sealed class StalenessTracker : IDisposable
{
    private static readonly TimeSpan OneTick = TimeSpan.FromTicks(1);

    private readonly StalenessSettings _settings;
    private readonly IScheduler _scheduler;
    private readonly Action<GuardAlert> _raise;
    private readonly object _gate = new();
    private readonly Dictionary<string, Watch[]> _products = new(StringComparer.Ordinal);
    private bool _disposed;

    public StalenessTracker(StalenessSettings settings, IScheduler scheduler, Action<GuardAlert> raise)
    {
        _settings = settings;
        _scheduler = scheduler;
        _raise = raise;
    }

    /// <summary>Starts watching a product before any data arrived (e.g. from the status snapshot).</summary>
    public void Track(string productId)
    {
        lock (_gate)
        {
            if (!_disposed) Watches(productId);
        }
    }

    public void OnMark(in FreshnessMark mark)
    {
        lock (_gate)
        {
            if (_disposed) return;
            var watch = Watches(mark.ProductId)[(int)mark.Kind];
            if (mark.At > watch.Last) watch.Last = mark.At;
            watch.Seen = true;
            if (watch.Stale && !_settings.IsStale(watch.Kind, watch.Last, _scheduler.Now))
            {
                watch.Stale = false;
                _raise(Alert(watch, resolved: true));
            }
            if (watch.Timer is null) Arm(watch);
        }
    }

    /// <summary>Whether the product's data of <paramref name="kind"/> is stale at <paramref name="now"/>.</summary>
    public bool IsStale(string productId, FreshnessKind kind, DateTimeOffset now)
    {
        lock (_gate)
        {
            return !_products.TryGetValue(productId, out var watches)
                || !watches[(int)kind].Seen
                || _settings.IsStale(kind, watches[(int)kind].Last, now);
        }
    }

    private Watch[] Watches(string productId)
    {
        if (_products.TryGetValue(productId, out var watches)) return watches;
        var now = _scheduler.Now;
        watches = [new Watch(productId, FreshnessKind.Quote, now), new Watch(productId, FreshnessKind.Ohlcv, now)];
        _products.Add(productId, watches);
        Arm(watches[0]);
        Arm(watches[1]);
        return watches;
    }

    private void Arm(Watch watch)
    {
        var due = watch.Last + _settings.MaxAge(watch.Kind) + OneTick;
        watch.Timer = _scheduler.Schedule(watch, due, (_, w) =>
        {
            Fire(w);
            return System.Reactive.Disposables.Disposable.Empty;
        });
    }

    private void Fire(Watch watch)
    {
        lock (_gate)
        {
            watch.Timer = null;
            if (_disposed) return;
            if (_settings.IsStale(watch.Kind, watch.Last, _scheduler.Now))
            {
                // Stays disarmed until fresh data arrives: one alert per episode.
                if (watch.Stale) return;
                watch.Stale = true;
                _raise(Alert(watch, resolved: false));
                return;
            }
            Arm(watch);
        }
    }

    private GuardAlert Alert(Watch watch, bool resolved)
    {
        var reason = watch.Kind == FreshnessKind.Quote ? ReasonCodes.StaleQuote : ReasonCodes.StaleOhlcv;
        var what = watch.Kind == FreshnessKind.Quote ? "quote" : "1m OHLCV";
        var limit = _settings.MaxAge(watch.Kind).TotalSeconds;
        var since = watch.Seen ? $"last {what} at {watch.Last:O}" : $"no {what} since tracking began at {watch.Last:O}";
        var message = resolved
            ? $"{watch.ProductId} {what} fresh again ({since})"
            : $"{watch.ProductId} {what} older than {limit:0.###} s ({since})";
        return new GuardAlert(AlertKinds.Staleness, resolved ? AlertSeverity.Info : AlertSeverity.Warning,
            watch.ProductId, reason, message, _scheduler.Now, resolved);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var watches in _products.Values)
                foreach (var watch in watches)
                {
                    watch.Timer?.Dispose();
                    watch.Timer = null;
                }
        }
    }

    private sealed class Watch(string productId, FreshnessKind kind, DateTimeOffset trackedSince)
    {
        public string ProductId { get; } = productId;
        public FreshnessKind Kind { get; } = kind;
        public DateTimeOffset Last { get; set; } = trackedSince;
        public bool Seen { get; set; }
        public bool Stale { get; set; }
        public IDisposable? Timer { get; set; }
    }
}
