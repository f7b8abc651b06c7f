using System.Reactive.Concurrency;
using System.Reactive.Subjects;
using Trader.Domain.Market;
using Trader.Pipeline.Alerts;
using Trader.Pipeline.Candles;
using Trader.Pipeline.Guards;

namespace Trader.Pipeline.Market;

/// <summary>
/// The market-data half of DESIGN.md §1 wired together: market events → quotes → outlier guard → MarketState,
/// trades → one-minute candles → MarketState, accepted quotes and candles → staleness timers, statuses and the
/// feed signal → health and exchange-wide health; rejected ticks → one <c>outlier</c> alert per episode
/// (<see cref="OutlierEpisodes"/>); every guard alert on <see cref="Alerts"/>. Call <see cref="OnEvent"/> from the one
/// feed thread (live client or replay driver) and <see cref="OnFeed"/> on disconnect/reconnect; timers run
/// on the clock's scheduler.
/// </summary>
public sealed class MarketFeedProcessor : IObserver<MarketEvent>, IDisposable
{
    private readonly IScheduler _scheduler;
    private readonly QuoteExtractor _quotes = new();
    private readonly OutlierGuard _outliers;
    private readonly StalenessTracker _staleness;
    private readonly HealthMonitor _health;
    private readonly OutlierEpisodes _outlierEpisodes;
    private readonly MinuteCandleBuilder _candles;
    private readonly Subject<GuardAlert> _alerts = new();
    private readonly Subject<QuoteVerdict> _verdicts = new();
    private readonly Subject<ProductCandle> _closedCandles = new();
    private readonly object _emitGate = new();

    public MarketFeedProcessor(
        MarketState state,
        IScheduler scheduler,
        StalenessSettings staleness,
        OutlierSettings outliers,
        Func<string, decimal> spreadLimitBps)
    {
        State = state;
        _scheduler = scheduler;
        _outliers = new OutlierGuard(outliers, spreadLimitBps, Rejections);
        _staleness = new StalenessTracker(staleness, scheduler, Raise);
        _health = new HealthMonitor(scheduler, Raise);
        _outlierEpisodes = new OutlierEpisodes(Raise);
        _candles = new MinuteCandleBuilder(scheduler, OnCandle);
    }

    public MarketState State { get; }

    public RejectionCounters Rejections { get; } = new();

    public IObservable<GuardAlert> Alerts => _alerts;

    /// <summary>Exchange-wide health from the status channel (<see cref="HealthMonitor.ExchangeHealth"/>), for <c>SafetyState</c>.</summary>
    public ProductHealth ExchangeHealth => _health.ExchangeHealth;

    /// <summary>Every quote tick's verdict, accepted or not, in processing order.</summary>
    public IObservable<QuoteVerdict> Verdicts => _verdicts;

    public IObservable<ProductCandle> Candles => _closedCandles;

    public void OnEvent(MarketEvent marketEvent)
    {
        switch (marketEvent)
        {
            case StatusEvent status:
                State.ApplyStatus(status);
                _staleness.Track(status.ProductId);
                _health.OnStatus(status);
                return;
            case TradeEvent trade:
                _candles.OnTrade(trade);
                break;
            case TickerEvent ticker:
                State.ApplyTicker(ticker);
                break;
        }
        if (!_quotes.TryExtract(marketEvent, out var quote)) return;
        var verdict = _outliers.Judge(quote, _scheduler.Now);
        if (verdict.Accepted)
        {
            State.ApplyQuote(verdict);
            _staleness.OnMark(FreshnessMark.Quote(verdict.ProductId, verdict.Quote.TsRecv));
        }
        _outlierEpisodes.Observe(verdict, _scheduler.Now);
        lock (_emitGate) _verdicts.OnNext(verdict);
    }

    public void OnFeed(bool up)
    {
        State.SetFeedUp(up, _scheduler.Now);
        _health.OnFeed(up);
    }

    private void OnCandle(ProductCandle candle)
    {
        State.ApplyCandle(candle);
        _staleness.OnMark(FreshnessMark.Ohlcv(candle.ProductId, candle.Candle.End));
        lock (_emitGate) _closedCandles.OnNext(candle);
    }

    private void Raise(GuardAlert alert)
    {
        lock (_emitGate) _alerts.OnNext(alert);
    }

    void IObserver<MarketEvent>.OnNext(MarketEvent value) => OnEvent(value);

    void IObserver<MarketEvent>.OnError(Exception error) => _alerts.OnError(error);

    void IObserver<MarketEvent>.OnCompleted() => _alerts.OnCompleted();

    public void Dispose()
    {
        _candles.Dispose();
        _staleness.Dispose();
        _alerts.Dispose();
        _verdicts.Dispose();
        _closedCandles.Dispose();
    }
}
