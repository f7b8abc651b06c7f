using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using Trader.Domain.Market;
using Trader.Pipeline.Alerts;

namespace Trader.Pipeline.Guards;

public static class HealthGuardExtensions
{
    /// <summary>
    /// REQ-EX1 alerts from product statuses and the feed's up/down signal (true = connected), stamped on
    /// <paramref name="scheduler"/>'s clock. The stream completes when the statuses complete.
    /// </summary>
    public static IObservable<GuardAlert> HealthAlerts(
        this IObservable<StatusEvent> statuses,
        IObservable<bool> feedUp,
        IScheduler scheduler) =>
        Observable.Create<GuardAlert>(observer =>
        {
            var gate = new object();
            var monitor = new HealthMonitor(scheduler, alert => { lock (gate) observer.OnNext(alert); });
            return new CompositeDisposable(
                feedUp.Subscribe(monitor.OnFeed, observer.OnError),
                statuses.Subscribe(monitor.OnStatus, observer.OnError, observer.OnCompleted));
        });
}
