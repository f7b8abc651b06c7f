using System.Reactive.Concurrency;
using Trader.Domain.Market;
using Trader.Pipeline.Alerts;

namespace Trader.Pipeline.Guards;

/// <summary>
/// REQ-EX1, data side: follows product statuses and the feed connection and raises alerts on change —
/// <c>product_health</c> (warning) when a product leaves <c>online</c> (again when it moves to another
/// non-online status) and a resolved one when it returns; <c>feed_down</c> (critical) when the feed client
/// reports a disconnect and a resolved one on reconnect. The feed is assumed up until told otherwise; a product
/// never reported is unhealthy without an alert (it was never healthy).
/// <c>exchange_health</c> (critical, reason <c>exchange_unhealthy</c>): the Advanced Trade feed has no exchange-wide
/// status, so the exchange counts as down when the status channel has reported at least
/// <see cref="MinProductsForExchange"/> products, at least one of them was online before, and every one is now in a
/// non-online status (an outage or maintenance takes them all down together; one product's halt is its own
/// <c>product_health</c>). It recovers, with a resolved alert, when any product is back online. Thread-safe.
/// </summary>
public sealed class HealthMonitor
{
    private readonly IScheduler _scheduler;
    private readonly Action<GuardAlert> _raise;
    private readonly object _gate = new();
    private readonly Dictionary<string, ProductStatus> _statuses = new(StringComparer.Ordinal);
    private bool _feedUp = true;
    private bool _anyWasOnline;
    private ProductHealth _exchange = ProductHealth.Online;

    /// <summary>Fewer reported products than this never make an exchange-wide outage (a one-product universe).</summary>
    public const int MinProductsForExchange = 2;

    public HealthMonitor(IScheduler scheduler, Action<GuardAlert> raise)
    {
        _scheduler = scheduler;
        _raise = raise;
    }

    public bool FeedUp
    {
        get { lock (_gate) return _feedUp; }
    }

    /// <summary>The exchange-wide health by the rule above, for the risk engine's <c>exchange_unhealthy</c> gate.</summary>
    public ProductHealth ExchangeHealth
    {
        get { lock (_gate) return _exchange; }
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
            UpdateExchange(status);

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

    private void UpdateExchange(StatusEvent status)
    {
        if (status.Status == ProductStatus.Online)
        {
            _anyWasOnline = true;
            if (_exchange.AllowsEntries) return;
            _raise(new GuardAlert(AlertKinds.ExchangeHealth, AlertSeverity.Critical, null, Domain.Risk.ReasonCodes.ExchangeUnhealthy,
                $"exchange back: {status.ProductId} online again (was {HealthRules.WireName(_exchange.Status)} on every product)",
                _scheduler.Now, Resolved: true));
            _exchange = ProductHealth.Online;
            return;
        }
        if (!_exchange.AllowsEntries || !_anyWasOnline || _statuses.Count < MinProductsForExchange) return;
        foreach (var known in _statuses.Values)
            if (known == ProductStatus.Online) return;

        var reason = $"every one of the {_statuses.Count} products on the status channel is non-online (last: {status.ProductId} {HealthRules.WireName(status.Status)})";
        _exchange = new ProductHealth(status.Status, reason);
        _raise(new GuardAlert(AlertKinds.ExchangeHealth, AlertSeverity.Critical, null, Domain.Risk.ReasonCodes.ExchangeUnhealthy,
            $"exchange unhealthy: {reason}; every entry blocked", _scheduler.Now, Resolved: false));
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
