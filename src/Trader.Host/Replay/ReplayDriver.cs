using Trader.Coinbase.Capture;
using Trader.Coinbase.Feed;
using Trader.Coinbase.Parsing;
using Trader.Host.Reports;
using Trader.Pipeline.Alerting;
using Trader.Pipeline.Alerts;
using Trader.Pipeline.Clock;
using Trader.Pipeline.Guards;
using Trader.Pipeline.Market;
using Trader.Pipeline.Scheduling;

namespace Trader.Host.Replay;

/// <summary>
/// Replays a capture through the live market-data pipeline in virtual time (DESIGN.md §1 "Replay is deterministic"):
/// for each frame the clock is advanced to the frame's receive time (timers due by then fire in order: staleness,
/// candle closes, escalations, cycles), the frame is parsed with that receive time, its sequence number checked
/// (a gap raises <c>sequence_gap</c>, a duplicate or late frame is dropped), its events fed to the
/// <see cref="MarketFeedProcessor"/>, and the driver waits until the pipeline is quiescent (the decision cycle in
/// flight, if any, has finished) before the next frame. Bad lines and rejected frames are counted and logged
/// (rate-limited) and never stop the replay. The decision stage plugs in through <see cref="Cycle"/> and records
/// into <see cref="Ledger"/>; without one, no cycle runs.
/// </summary>
public sealed class ReplayDriver : IDisposable
{
    private readonly ReplayOptions _options;
    private readonly Action<string> _log;
    private readonly CoinbaseFrameParser _parser = new();
    private readonly SequenceTracker _sequence = new();
    private readonly HaltEpisodes _halts = new();
    private readonly List<ReportAlert> _alerts = [];
    private readonly List<IDisposable> _subscriptions = [];
    private JitteredCycleScheduler? _cycles;
    private long _parseErrors;
    private long _loggedBad;
    private bool _gapOpen;
    private DateTimeOffset? _firstFrame;
    private long _realStart;

    /// <param name="log">Receives warnings (bad lines, rejected frames, out-of-order receive times), rate-limited.</param>
    public ReplayDriver(ReplayOptions options, IAlertJournal journal, Action<string>? log = null)
    {
        if (!options.Speed.IsMax && options.RealTime is null)
            throw new ArgumentException("a paced replay needs the real clock", nameof(options));
        _options = options;
        _log = log ?? (_ => { });
        Clock = new VirtualClock(DateTimeOffset.UnixEpoch);
        State = new MarketState(options.Staleness);
        Feed = new MarketFeedProcessor(State, Clock, options.Staleness, options.Outliers, options.SpreadLimitBps);
        AlertManager = new AlertManager(Clock, Clock.TimeProvider, options.Alerts, [], journal);
        Digest = new EventDigest();
        Ledger = new DecisionLedger(Digest);

        AlertManager.Published += OnPublished;
        _subscriptions.Add(Feed.Verdicts.Subscribe(v => Digest.AddVerdict(v)));
        _subscriptions.Add(Feed.Alerts.Subscribe(OnGuardAlert));
    }

    public VirtualClock Clock { get; }

    public MarketState State { get; }

    public MarketFeedProcessor Feed { get; }

    public AlertManager AlertManager { get; }

    public EventDigest Digest { get; }

    public DecisionLedger Ledger { get; }

    /// <summary>The decision cycle, run on a <see cref="JitteredCycleScheduler"/> on the virtual clock; null = no decisions.</summary>
    public Func<CycleTick, Task>? Cycle { get; set; }

    /// <summary>
    /// Sees every frame at its receive time, after the clock has moved there and before the frame is parsed (e.g. the
    /// embedded simulator's book is fed from it, so an order sent in the next cycle meets the replay's prices).
    /// </summary>
    public Action<CaptureFrame>? FrameArrived { get; set; }

    /// <summary>Called after each frame with the frames read so far (a progress display); cheap calls only.</summary>
    public Action<long>? Progress { get; set; }

    public long ParseErrors => _parseErrors;

    /// <summary>Receive times of the first and the last frame replayed (null before the first).</summary>
    public DateTimeOffset? FirstFrameTs => _firstFrame;

    public DateTimeOffset? LastFrameTs { get; private set; }

    public SequenceTracker Sequence => _sequence;

    /// <summary>
    /// Raises the alerts of a decision-side source (e.g. <c>DecisionPipeline.Alerts</c>: <c>exposure_cap</c>) through
    /// the replay's alert manager, so they reach the report and the digest; they are not halts (nothing is blocked).
    /// </summary>
    public IDisposable RaiseAlertsOf(IObservable<GuardAlert> source)
    {
        var subscription = source.Subscribe(AlertManager.Raise);
        _subscriptions.Add(subscription);
        return subscription;
    }

    public async Task<ReplayReport> RunAsync(CaptureReader reader, CancellationToken cancellationToken = default)
    {
        reader.BadLine += OnBadLine;
        try
        {
            while (reader.TryReadNext(out var frame))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await OnFrameAsync(frame, cancellationToken).ConfigureAwait(false);
                Progress?.Invoke(reader.FramesRead);
            }
            if (_firstFrame is not null)
                await AdvanceQuietlyToAsync(Clock.Now + _options.Settle).ConfigureAwait(false);
            _cycles?.Stop();
            await QuiesceAsync().ConfigureAwait(false);
        }
        finally
        {
            reader.BadLine -= OnBadLine;
        }

        if (_loggedBad > _options.MaxLoggedBadFrames)
            _log($"{_loggedBad - _options.MaxLoggedBadFrames} more bad line(s) or rejected frame(s) not logged one by one");

        return new ReplayReport
        {
            Frames = reader.FramesRead + reader.BadLines,
            ParseErrors = reader.BadLines + _parseErrors,
            Cycles = _cycles?.Cycles ?? 0,
            CyclesSkipped = _cycles?.Skipped ?? 0,
            Proposals = Ledger.Proposals,
            OrdersPlaced = Ledger.OrdersPlaced,
            Fills = Ledger.Fills,
            RejectedByReason = MergeRejections(),
            Orders = Ledger.Orders.ToList(),
            Fees = Ledger.Fees,
            RealizedPnl = Ledger.RealizedPnl,
            MaxDrawdownPct = Ledger.MaxDrawdownPct,
            Alerts = _alerts.ToList(),
            Halts = _halts.Halts.ToList(),
            Digest = Digest.Finish(),
        };
    }

    private async Task OnFrameAsync(CaptureFrame frame, CancellationToken cancellationToken)
    {
        var at = frame.TsRecv;
        if (_firstFrame is null)
        {
            _firstFrame = at;
            if (_options.RealTime is { } real) _realStart = real.GetTimestamp();
            Clock.AdvanceTo(at);
            StartCycles();
        }
        else if (at < Clock.Now)
        {
            LogBad($"line {frame.LineNumber}: receive time {ReportFormat.Time(at)} is before the previous frame's; processed at {ReportFormat.Time(Clock.Now)}");
            at = Clock.Now;
        }

        LastFrameTs = at;
        await PaceAsync(at, cancellationToken).ConfigureAwait(false);
        await AdvanceQuietlyToAsync(at).ConfigureAwait(false);
        FrameArrived?.Invoke(frame);

        var result = _parser.Parse(frame.Frame.Span, at);
        if (result.IsRejected)
        {
            _parseErrors++;
            LogBad($"line {frame.LineNumber}: frame rejected: {result.Reason}{(result.Detail is null ? "" : " (" + result.Detail + ")")}");
            return;
        }
        if (result.SequenceNum is { } sequence && !CheckSequence(sequence, at)) return;
        foreach (var marketEvent in _parser.Events)
            Feed.OnEvent(marketEvent);
        await QuiesceAsync().ConfigureAwait(false);
    }

    /// <summary>False when the frame must not be applied (a duplicate or late frame).</summary>
    private bool CheckSequence(long sequence, DateTimeOffset at)
    {
        var observation = _sequence.Observe(sequence);
        switch (observation.Verdict)
        {
            case SequenceVerdict.Gap:
                _gapOpen = true;
                AlertManager.Raise(new GuardAlert(ReplayAlertKinds.SequenceGap, AlertSeverity.Warning, null, ReplayAlertKinds.SequenceGap,
                    $"sequence gap: expected {observation.Expected}, got {observation.Got} ({observation.Missing} frame(s) lost)", at, Resolved: false));
                break;
            case SequenceVerdict.InOrder when _gapOpen:
                _gapOpen = false;
                AlertManager.Raise(new GuardAlert(ReplayAlertKinds.SequenceGap, AlertSeverity.Warning, null, ReplayAlertKinds.SequenceGap,
                    "sequence back in order", at, Resolved: true));
                break;
        }
        return observation.ShouldApply;
    }

    private void StartCycles()
    {
        if (Cycle is not { } cycle) return;
        _cycles = new JitteredCycleScheduler(Clock, _options.CycleInterval, _options.CycleJitterPct, _options.Seed, cycle);
        _cycles.Start();
    }

    /// <summary>
    /// Moves the clock to <paramref name="at"/> one due timer at a time, waiting after each until the pipeline is quiet:
    /// a cycle that fires on the way (and its orders' REST round trips) runs entirely at its own instant, never while
    /// the clock moves on to the frame.
    /// </summary>
    private async Task AdvanceQuietlyToAsync(DateTimeOffset at)
    {
        while (Clock.NextDue is { } due && due < at)
        {
            Clock.AdvanceTo(due < Clock.Now ? Clock.Now : due);
            await QuiesceAsync().ConfigureAwait(false);
        }
        Clock.AdvanceTo(at);
        await QuiesceAsync().ConfigureAwait(false);
    }

    /// <summary>The market-data path is synchronous; only a decision cycle in flight can still be running.</summary>
    private Task QuiesceAsync() => _cycles?.Running ?? Task.CompletedTask;

    /// <summary>Paced runs wait on the real clock until real elapsed time catches up with virtual elapsed / factor.</summary>
    private async Task PaceAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (_options.Speed.Factor is not { } factor || _options.RealTime is not { } real || _firstFrame is not { } first) return;
        var target = TimeSpan.FromTicks((long)((at - first).Ticks / factor));
        var wait = target - real.GetElapsedTime(_realStart);
        if (wait > TimeSpan.Zero)
            await Task.Delay(wait, real, cancellationToken).ConfigureAwait(false);
    }

    private void OnGuardAlert(GuardAlert alert)
    {
        _halts.Observe(alert);
        AlertManager.Raise(alert);
    }

    private void OnPublished(AlertNotification notification)
    {
        Digest.AddAlert(notification);
        _alerts.Add(new ReportAlert(notification.Ts, notification.Kind, AlertNotification.SeverityName(notification.Severity),
            notification.ProductId, notification.Message, notification.Escalated));
    }

    private void OnBadLine(CaptureBadLine bad) =>
        LogBad($"line {bad.LineNumber}: bad capture line: {bad.Reason}{(bad.Detail is null ? "" : " (" + bad.Detail + ")")}");

    private void LogBad(string message)
    {
        if (++_loggedBad <= _options.MaxLoggedBadFrames) _log(message);
    }

    private SortedDictionary<string, long> MergeRejections()
    {
        var merged = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (reason, count) in Feed.Rejections.Snapshot()) merged[reason] = count;
        foreach (var (reason, count) in Ledger.RejectedByReason) merged[reason] = merged.GetValueOrDefault(reason) + count;
        return merged;
    }

    public void Dispose()
    {
        _cycles?.Dispose();
        foreach (var subscription in _subscriptions) subscription.Dispose();
        AlertManager.Published -= OnPublished;
        AlertManager.Dispose();
        Feed.Dispose();
        Digest.Dispose();
    }
}
