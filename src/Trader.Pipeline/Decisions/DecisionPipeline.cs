using System.Collections.Concurrent;
using System.Reactive.Subjects;
using System.Threading.Tasks.Dataflow;
using Trader.Domain.Decisions;
using Trader.Domain.Triggers;
using Trader.Pipeline.Alerts;
using Trader.Pipeline.Candles;
using Trader.Pipeline.Execution;
using Trader.Pipeline.Market;
using Trader.Pipeline.Scheduling;

namespace Trader.Pipeline.Decisions;

/// <summary>
/// The decision half of DESIGN.md §1 as bounded TPL Dataflow blocks, each with capacity 1 and one degree of
/// parallelism, linked with completion propagation:
/// <c>snapshot</c> (closed candles → <see cref="IndicatorBook"/>; market views + indicator readings + portfolio →
/// <see cref="DecisionSnapshot"/>) → <c>decide</c> (<see cref="DecisionEngine.Decide"/>: universe, triggers, rules,
/// risk) → <c>act</c> (journal rows, digest lines, then each approved order to the <see cref="IExecutionPort"/>,
/// exits first). Stage bodies never throw: failures are counted, logged and recorded in the cycle's result.
/// <see cref="RunCycleAsync"/> is the <see cref="JitteredCycleScheduler"/> callback. Each decided cycle's
/// exposure-cap breaches go out on <see cref="Alerts"/> (<see cref="ExposureCapAlerts"/>) in its act stage.
/// </summary>
public sealed class DecisionPipeline : IAsyncDisposable
{
    private readonly DecisionEngine _engine;
    private readonly IndicatorBook _indicators;
    private readonly MarketState _market;
    private readonly IPortfolioSource _portfolio;
    private readonly IDecisionJournalSink _journal;
    private readonly IExecutionPort _execution;
    private readonly TimeProvider _time;
    private readonly Action<string> _log;
    private readonly Action<string>? _digest;
    private readonly CancellationToken _stopping;
    private readonly ConcurrentQueue<ProductCandle> _pendingCandles = new();
    private readonly TransformBlock<CycleWork, CycleWork> _snapshot;
    private readonly ActionBlock<CycleWork> _act;
    private readonly ExposureCapAlerts _capAlerts = new();
    private readonly Subject<GuardAlert> _alerts = new();

    /// <param name="log">Receives one line per caught failure (no secrets: messages of our own exceptions).</param>
    /// <param name="digest">Receives every line of each decision's canonical text, in order (for a run digest).</param>
    /// <param name="stopping">Handed to the journal sink and execution port (a hard stop cancels their IO).</param>
    public DecisionPipeline(
        DecisionEngine engine,
        IndicatorBook indicators,
        MarketState market,
        IPortfolioSource portfolio,
        IDecisionJournalSink journal,
        IExecutionPort execution,
        TimeProvider time,
        Action<string>? log = null,
        Action<string>? digest = null,
        CancellationToken stopping = default)
    {
        _engine = engine;
        _indicators = indicators;
        _market = market;
        _portfolio = portfolio;
        _journal = journal;
        _execution = execution;
        _time = time;
        _log = log ?? (_ => { });
        _digest = digest;
        _stopping = stopping;

        var serial = new ExecutionDataflowBlockOptions { BoundedCapacity = 1, MaxDegreeOfParallelism = 1, EnsureOrdered = true };
        _snapshot = new TransformBlock<CycleWork, CycleWork>(BuildSnapshot, serial);
        var decide = new TransformBlock<CycleWork, CycleWork>(Decide, serial);
        _act = new ActionBlock<CycleWork>(ActAsync, serial);
        var link = new DataflowLinkOptions { PropagateCompletion = true };
        _snapshot.LinkTo(decide, link);
        decide.LinkTo(_act, link);
    }

    public DecisionCounters Counters { get; } = new();

    /// <summary>
    /// <c>exposure_cap</c> alerts (and their resolutions) of each decided cycle, stamped with the cycle's time and
    /// emitted in its act stage, before its journal rows are written (subscribe e.g. <c>AlertManager.Raise</c>).
    /// </summary>
    public IObservable<GuardAlert> Alerts => _alerts;

    /// <summary>Completes when every cycle that entered the pipeline has finished, after <see cref="CompleteAsync"/>.</summary>
    public Task Completion => _act.Completion;

    /// <summary>
    /// Queues a closed one-minute candle for the indicators. The snapshot stage folds queued candles into the
    /// <see cref="IndicatorBook"/> (which only it touches) at the start of the next cycle, so the book is never
    /// mutated while a cycle reads it.
    /// </summary>
    public void OnCandle(ProductCandle candle) => _pendingCandles.Enqueue(candle);

    /// <summary>Feeds every closed candle of <paramref name="candles"/> (e.g. <see cref="MarketFeedProcessor.Candles"/>) to <see cref="OnCandle"/>.</summary>
    public IDisposable SubscribeCandles(IObservable<ProductCandle> candles) => candles.Subscribe(new CandleObserver(this));

    /// <summary>Counts the cycles <paramref name="scheduler"/> skips because one was still running.</summary>
    public void CountSkipsOf(JitteredCycleScheduler scheduler) => scheduler.CycleSkipped += _ => Counters.CycleSkipped();

    /// <summary>
    /// Runs one cycle: "now" is the injected clock's time at the call. Completes when the cycle's rows are
    /// journaled and its approved orders handed to the execution port. Never throws.
    /// </summary>
    public async Task<CycleResult> RunCycleAsync(CycleTick tick)
    {
        var work = new CycleWork(tick, _time.GetUtcNow(), _time.GetTimestamp());
        Counters.CycleStarted();
        bool accepted;
        try
        {
            accepted = await _snapshot.SendAsync(work).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Report(work, "enqueue", ex);
            accepted = false;
        }
        if (!accepted)
        {
            Counters.CycleStopped();
            return new CycleResult(tick.CycleId, work.Now, CycleOutcomes.Stopped, 0, 0, 0, work.Errors, TimeSpan.Zero, null);
        }
        return await work.Done.Task.ConfigureAwait(false);
    }

    /// <summary>Graceful stop (after the scheduler is stopped): accepts no new cycle and waits for those in flight.</summary>
    public Task CompleteAsync()
    {
        _snapshot.Complete();
        return _act.Completion;
    }

    public async ValueTask DisposeAsync()
    {
        await CompleteAsync().ConfigureAwait(false);
        _alerts.OnCompleted();
    }

    private CycleWork BuildSnapshot(CycleWork work)
    {
        try
        {
            while (_pendingCandles.TryDequeue(out var candle))
                _indicators.Update(candle.ProductId, candle.Candle);

            var views = _market.Snapshot(work.Now);
            var markets = new Dictionary<string, Domain.Market.ProductMarketView>(views.Count, StringComparer.Ordinal);
            foreach (var view in views) markets[view.ProductId] = view;
            var account = _portfolio.Current(work.Now);
            work.Snapshot = new DecisionSnapshot(work.Now, work.Tick.CycleId, markets, _indicators.Readings,
                account.Portfolio, account.WorkingOrders, account.Cooldowns, account.RecentTrades, account.Safety,
                _indicators.Regime);
        }
        catch (Exception ex)
        {
            Report(work, "snapshot", ex);
            work.Failed = true;
        }
        return work;
    }

    private CycleWork Decide(CycleWork work)
    {
        if (work.Failed || work.Snapshot is null) return work;
        try
        {
            work.Decision = _engine.Decide(work.Snapshot);
        }
        catch (Exception ex)
        {
            Report(work, "decide", ex);
            work.Failed = true;
        }
        return work;
    }

    private async Task ActAsync(CycleWork work)
    {
        int approved = 0, rejected = 0, submitted = 0;
        try
        {
            if (work.Failed || work.Decision is not { } decision) return;
            approved = decision.Exits.Count + decision.Entries.Count;
            rejected = decision.Rejections.Count;
            Counters.Approve(approved);
            foreach (var rejection in decision.Rejections) Counters.Reject(rejection.ReasonCode);
            RaiseCapAlerts(work, decision);

            await WriteJournalAsync(work, Rows(work, decision)).ConfigureAwait(false);
            EmitDigest(work, decision);

            foreach (var order in decision.Exits.Concat(decision.Entries))
            {
                try
                {
                    await _execution.SubmitAsync(order, work.Tick, _stopping).ConfigureAwait(false);
                    submitted++;
                    Counters.OrderSubmitted();
                }
                catch (Exception ex)
                {
                    Report(work, $"execution {order.Order.ProductId} {order.Order.Side}", ex);
                    var row = new DecisionJournalRow(work.Tick.CycleId, work.Now, order.Order.ProductId,
                        DecisionJournalKinds.OrderIntent, DecisionJournalKinds.ExecutionError, null,
                        $"{DecisionJournalText.Order(order)} error={ex.GetType().Name}", _time.GetElapsedTime(work.StartTimestamp));
                    await WriteJournalAsync(work, [row]).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex)
        {
            Report(work, "act", ex);
        }
        finally
        {
            var latency = _time.GetElapsedTime(work.StartTimestamp);
            var completed = !work.Failed && work.Decision is not null;
            Counters.CycleEnded(completed, latency);
            work.Done.TrySetResult(new CycleResult(work.Tick.CycleId, work.Now,
                completed ? CycleOutcomes.Completed : CycleOutcomes.Failed,
                approved, rejected, submitted, work.Errors, latency, work.Decision));
        }
    }

    private void RaiseCapAlerts(CycleWork work, Decision decision)
    {
        try
        {
            foreach (var alert in _capAlerts.Observe(decision)) _alerts.OnNext(alert);
        }
        catch (Exception ex)
        {
            Report(work, "alerts", ex);
        }
    }

    private List<DecisionJournalRow> Rows(CycleWork work, Decision decision)
    {
        var latency = _time.GetElapsedTime(work.StartTimestamp);
        var rows = new List<DecisionJournalRow>(decision.Exits.Count + decision.Entries.Count + decision.Rejections.Count);
        foreach (var exit in decision.Exits)
            rows.Add(new DecisionJournalRow(work.Tick.CycleId, work.Now, exit.Order.ProductId, DecisionJournalKinds.Exit,
                DecisionJournalKinds.Approved, null, DecisionJournalText.Order(exit), latency));
        foreach (var entry in decision.Entries)
            rows.Add(new DecisionJournalRow(work.Tick.CycleId, work.Now, entry.Order.ProductId, DecisionJournalKinds.Proposal,
                DecisionJournalKinds.Approved, null, DecisionJournalText.Order(entry), latency));
        foreach (var rejection in decision.Rejections)
            rows.Add(new DecisionJournalRow(work.Tick.CycleId, work.Now, rejection.ProductId, DecisionJournalKinds.Rejection,
                DecisionJournalKinds.Rejected, rejection.ReasonCode, DecisionJournalText.Rejection(rejection), latency));
        return rows;
    }

    private async Task WriteJournalAsync(CycleWork work, IReadOnlyList<DecisionJournalRow> rows)
    {
        if (rows.Count == 0) return;
        try
        {
            await _journal.WriteAsync(rows, _stopping).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Report(work, "journal", ex);
        }
    }

    private void EmitDigest(CycleWork work, Decision decision)
    {
        if (_digest is null) return;
        try
        {
            foreach (var line in decision.ToCanonicalText().Split('\n', StringSplitOptions.RemoveEmptyEntries))
                _digest(line);
        }
        catch (Exception ex)
        {
            Report(work, "digest", ex);
        }
    }

    private void Report(CycleWork work, string stage, Exception ex)
    {
        work.Errors++;
        Counters.Error();
        try
        {
            _log($"decision cycle {work.Tick.CycleId}: {stage} failed: {ex.GetType().Name}: {ex.Message}");
        }
        catch (Exception)
        {
            // A failing log callback must not take the pipeline down; the error is already counted.
        }
    }

    private sealed class CycleWork(CycleTick tick, DateTimeOffset now, long startTimestamp)
    {
        public CycleTick Tick { get; } = tick;
        public DateTimeOffset Now { get; } = now;
        public long StartTimestamp { get; } = startTimestamp;
        public TaskCompletionSource<CycleResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public DecisionSnapshot? Snapshot { get; set; }
        public Decision? Decision { get; set; }
        public bool Failed { get; set; }
        public int Errors { get; set; }
    }

    private sealed class CandleObserver(DecisionPipeline pipeline) : IObserver<ProductCandle>
    {
        public void OnNext(ProductCandle value) => pipeline.OnCandle(value);
        public void OnError(Exception error) => pipeline._log($"candle feed failed: {error.GetType().Name}: {error.Message}");
        public void OnCompleted() { }
    }
}
