using System.Reactive.Concurrency;
using Trader.Domain.Market;
using Trader.Pipeline.Alerts;

namespace Trader.Pipeline.Guards;

/// <summary>
/// REQ-EX1, data side: follows product statuses and the feed connection and raises alerts on change —
/// <c>product_health</c> (warning) when a product leaves <c>online</c> (again when it moves to another
/// non-online status) and a resolved one when it returns; <c>feed_down</c> (critical) when the feed client
/// reports a disconnect and a resolved one on reconnect. The feed is assumed up until told otherwise; a product
/// never reported is unhealthy without an alert (it was never healthy). Thread-safe.
/// </summary>
public sealed class HealthMonitor
{
    private readonly IScheduler _scheduler;
    private readonly Action<GuardAlert> _raise;
    private readonly object _gate = new();
    private readonly Dictionary<string, ProductStatus> _statuses = new(StringComparer.Ordinal);
    private bool _feedUp = true;

    public HealthMonitor(IScheduler scheduler, Action<GuardAlert> raise)
    {
        _scheduler = scheduler;
        _raise = raise;
    }

    public bool FeedUp
    {
        get { lock (_gate) return _feedUp; }
    }

    public ProductHealth HealthOf(string productId)
    {
        lock (_gate)
            return HealthRules.Combine(_statuses.GetValueOrDefault(productId, ProductStatus.Unknown), _feedUp);
    }

    public void OnStatus(StatusEvent status)
    {
        lock (_gate)
        {
            var previous = _statuses.GetValueOrDefault(status.ProductId, ProductStatus.Unknown);
            _statuses[status.ProductId] = status.Status;
            if (previous == status.Status) return;

            var detail = string.IsNullOrEmpty(status.StatusMessage) ? "" : $": {status.StatusMessage}";
            if (status.Status == ProductStatus.Online)
            {
                if (previous != ProductStatus.Unknown)
                    _raise(new GuardAlert(AlertKinds.ProductHealth, AlertSeverity.Info, status.ProductId,
                        ReasonCodes.ProductUnhealthy, $"{status.ProductId} back online (was {HealthRules.WireName(previous)})",
                        _scheduler.Now, Resolved: true));
                return;
            }
            _raise(new GuardAlert(AlertKinds.ProductHealth, AlertSeverity.Warning, status.ProductId,
                ReasonCodes.ProductUnhealthy, $"{status.ProductId} status {HealthRules.WireName(status.Status)}{detail}",
                _scheduler.Now, Resolved: false));
        }
    }

    /// <summary>Called by the feed client: false on disconnect, true on (re)connect.</summary>
    public void OnFeed(bool up)
    {
        lock (_gate)
        {
            if (up == _feedUp) return;
            _feedUp = up;
            _raise(up
                ? new GuardAlert(AlertKinds.FeedDown, AlertSeverity.Info, null, ReasonCodes.FeedDown,
                    "market-data feed reconnected", _scheduler.Now, Resolved: true)
                : new GuardAlert(AlertKinds.FeedDown, AlertSeverity.Critical, null, ReasonCodes.FeedDown,
                    "market-data feed disconnected: every product blocked", _scheduler.Now, Resolved: false));
        }
    }
}
