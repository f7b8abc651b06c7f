using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using Trader.Pipeline.Alerts;

namespace Trader.Pipeline.Guards;

public static class StalenessGuardExtensions
{
    /// <summary>
    /// REQ-ST1: <c>staleness</c> alerts (one per episode, then a resolved one) for the products seen in
    /// <paramref name="marks"/>, detected by timers on <paramref name="scheduler"/> exactly one clock tick after
    /// each breach instant (last fresh time + max age).
    /// </summary>
    public static IObservable<GuardAlert> StalenessAlerts(
        this IObservable<FreshnessMark> marks,
        StalenessSettings settings,
        IScheduler scheduler) =>
        Observable.Create<GuardAlert>(observer =>
        {
            var tracker = new StalenessTracker(settings, scheduler, observer.OnNext);
            var subscription = marks.Subscribe(
                mark => tracker.OnMark(mark),
                error => { tracker.Dispose(); observer.OnError(error); },
                () => { tracker.Dispose(); observer.OnCompleted(); });
            return new CompositeDisposable(subscription, tracker);
        });
}
