using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using Trader.Domain.Market;

namespace Trader.Pipeline.Candles;

public static class CandleExtensions
{
    /// <summary>
    /// One-minute candles from trades, closed by a timer at each minute boundary of <paramref name="scheduler"/>
    /// (see <see cref="MinuteCandleBuilder"/>). When the trades complete, bars still open are dropped: a bar is
    /// only emitted once its minute is over.
    /// </summary>
    public static IObservable<ProductCandle> ToMinuteCandles(this IObservable<TradeEvent> trades, IScheduler scheduler) =>
        Observable.Create<ProductCandle>(observer =>
        {
            var builder = new MinuteCandleBuilder(scheduler, observer.OnNext);
            var subscription = trades.Subscribe(
                builder.OnTrade,
                error => { builder.Dispose(); observer.OnError(error); },
                () => { builder.Dispose(); observer.OnCompleted(); });
            return new CompositeDisposable(subscription, builder);
        });
}
