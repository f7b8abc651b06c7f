using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Trader.Pipeline.Market;

namespace Trader.Pipeline.Guards;

public static class OutlierGuardExtensions
{
    /// <summary>
    /// Judges every quote tick (REQ-O1) against a window measured on <paramref name="scheduler"/>'s clock and
    /// emits one verdict per tick; only accepted verdicts may be used for pricing. Each subscription has its
    /// own window state.
    /// </summary>
    public static IObservable<QuoteVerdict> GuardOutliers(
        this IObservable<ProductQuote> quotes,
        OutlierSettings settings,
        Func<string, decimal> spreadLimitBps,
        IScheduler scheduler,
        RejectionCounters? counters = null) =>
        Observable.Defer(() =>
        {
            var guard = new OutlierGuard(settings, spreadLimitBps, counters);
            return quotes.Select(tick => guard.Judge(tick, scheduler.Now));
        });
}
