using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using Trader.Pipeline.Alerting;
using Trader.Pipeline.Alerts;
using Trader.State.Evidence;

namespace Trader.Host.Gates;

/// <summary>
/// Records a PAPER session as <c>paper_session</c> evidence for the go-live rehearsal gate: a snapshot at
/// <see cref="Start"/>, every <see cref="SnapshotInterval"/> on the clock (so a crash loses at most that much) and
/// at <see cref="Stop"/> (or dispose). <see cref="Observe"/> counts safety-gate breaches: every first raise or
/// re-raise (not escalations, not resolutions) of an alert of a <see cref="BreachKinds"/> kind.
/// <para>Hook for <c>trader run --mode paper</c>, after the alert manager is built:
/// <c>using var paperSession = PaperSessionRecorder.Start(store.Evidence, clock.Scheduler, realClock: true, options.Feed, venue, alerts);</c></para>
/// </summary>
public sealed class PaperSessionRecorder : IDisposable
{
    public static readonly TimeSpan SnapshotInterval = TimeSpan.FromMinutes(15);

    /// <summary>The alert kinds that mean a safety gate tripped (CONTRACTS.md §5, §7).</summary>
    public static readonly IReadOnlySet<string> BreachKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        AlertKinds.KillSwitch, AlertKinds.Staleness, AlertKinds.ProductHealth, AlertKinds.ExchangeHealth,
        AlertKinds.Drawdown, AlertKinds.DailyStop, AlertKinds.ClockDrift, AlertKinds.OrderAmbiguous,
    };

    private readonly EvidenceStore _evidence;
    private readonly IScheduler _scheduler;
    private readonly SerialDisposable _timer = new();
    private readonly object _gate = new();
    private readonly AlertManager? _alerts;
    private PaperSession _session;
    private bool _stopped;

    private PaperSessionRecorder(EvidenceStore evidence, IScheduler scheduler, PaperSession session, AlertManager? alerts)
    {
        _evidence = evidence;
        _scheduler = scheduler;
        _session = session;
        _alerts = alerts;
    }

    /// <summary>
    /// Starts recording now. <paramref name="realClock"/> is false for a run in virtual time (its session is recorded
    /// but never counts); <paramref name="feed"/> is the <c>--feed</c> value; with <paramref name="alerts"/> every
    /// published alert is observed.
    /// </summary>
    public static PaperSessionRecorder Start(EvidenceStore evidence, IScheduler scheduler, bool realClock, string feed, string venue,
        AlertManager? alerts = null, TimeSpan? snapshotInterval = null)
    {
        var now = scheduler.Now;
        var session = new PaperSession(Guid.NewGuid().ToString("N")[..16], now, now, "PAPER", realClock ? "real" : "virtual", feed, venue, 0);
        var recorder = new PaperSessionRecorder(evidence, scheduler, session, alerts);
        recorder.Snapshot();
        recorder._timer.Disposable = scheduler.SchedulePeriodic(snapshotInterval ?? SnapshotInterval, recorder.Snapshot);
        if (alerts is not null) alerts.Published += recorder.Observe;
        return recorder;
    }

    public PaperSession Current
    {
        get { lock (_gate) return _session; }
    }

    public void Observe(AlertNotification notification)
    {
        if (notification.Resolved || notification.Escalated || !BreachKinds.Contains(notification.Kind)) return;
        lock (_gate) _session = _session with { Breaches = _session.Breaches + 1 };
    }

    /// <summary>Writes the final snapshot and stops the periodic ones.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            if (_stopped) return;
            _stopped = true;
        }
        _timer.Dispose();
        if (_alerts is not null) _alerts.Published -= Observe;
        Write();
    }

    private void Snapshot()
    {
        lock (_gate)
            if (_stopped) return;
        Write();
    }

    private void Write()
    {
        PaperSession snapshot;
        lock (_gate) snapshot = _session = _session with { End = _scheduler.Now };
        try
        {
            _evidence.Record(PaperSession.EvidenceKind, snapshot.End, snapshot.ToJson());
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            // busy for a moment: the next snapshot carries the whole session so far
        }
    }

    public void Dispose() => Stop();
}
