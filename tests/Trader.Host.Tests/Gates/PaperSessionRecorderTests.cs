using Trader.Host.Gates;
using Trader.Pipeline.Alerting;
using Trader.Pipeline.Alerts;
using Trader.Pipeline.Clock;
using Trader.State.Storage;
using Trader.Testing;

namespace Trader.Host.Tests.Gates;

/// <summary>The recorder writes paper_session evidence on the clock; the rehearsal gate reads it back from real SQLite.</summary>
[Trait("Req", "REQ-M1")]
public sealed class PaperSessionRecorderTests : IDisposable
{
    private readonly VirtualClock _clock = VirtualTime.Create();
    private readonly TempDir _dir = new("trader-paper-");
    private readonly StateStore _store;

    public PaperSessionRecorderTests() => _store = StateStore.Open(_dir.File("state.db"));

    private GateVerdict Rehearsal() =>
        new PaperRehearsal(GateEvidence.From(_store.Evidence, _clock.Now, null, _ => null)).Evaluate();

    private static AlertNotification Notification(string kind, bool escalated = false, bool resolved = false) =>
        new("1", kind, AlertSeverity.Warning, null, "m", VirtualTime.Epoch, kind, escalated, resolved);

    [Fact]
    public void Seven_days_of_live_feed_PAPER_with_no_breach_meets_the_gate_and_six_point_nine_does_not()
    {
        using var recorder = PaperSessionRecorder.Start(_store.Evidence, _clock, realClock: true, "coinbase", "paper");
        _clock.AdvanceBy(TimeSpan.FromDays(6.9));
        Assert.False(Rehearsal().Met);
        Assert.Contains("6.8 days, 7.0 needed", Rehearsal().Detail); // the last snapshot, on a 15-minute tick

        _clock.AdvanceBy(TimeSpan.FromDays(0.1));
        Assert.True(Rehearsal().Met, Rehearsal().Detail);
        Assert.Equal(7 * 24 * 4 + 1, _store.Evidence.OfKind(PaperSession.EvidenceKind).Count);
    }

    [Fact]
    public void A_restart_does_not_reset_the_rehearsal_but_a_breach_does()
    {
        var hourly = TimeSpan.FromHours(1);
        var first = PaperSessionRecorder.Start(_store.Evidence, _clock, realClock: true, "coinbase", "paper", snapshotInterval: hourly);
        _clock.AdvanceBy(TimeSpan.FromDays(4));
        first.Stop();
        _clock.AdvanceBy(TimeSpan.FromMinutes(3));
        using (var second = PaperSessionRecorder.Start(_store.Evidence, _clock, realClock: true, "coinbase", "paper", snapshotInterval: hourly))
        {
            _clock.AdvanceBy(TimeSpan.FromDays(3));
            Assert.True(Rehearsal().Met, Rehearsal().Detail);
            second.Observe(Notification(AlertKinds.Staleness));
            second.Observe(Notification(AlertKinds.Staleness, escalated: true));
            second.Observe(Notification(AlertKinds.Staleness, resolved: true));
            second.Observe(Notification(AlertKinds.SequenceGap));
            Assert.Equal(1, second.Current.Breaches);
        }

        var verdict = Rehearsal();
        Assert.False(verdict.Met);
        Assert.Contains("1 session(s) with safety-gate breaches", verdict.Detail);
        Assert.Contains("4.0 days", verdict.Detail);
    }

    [Fact]
    public void Virtual_clock_sessions_are_recorded_but_never_count()
    {
        var daily = TimeSpan.FromDays(1);
        using (PaperSessionRecorder.Start(_store.Evidence, _clock, realClock: false, "coinbase", "paper", snapshotInterval: daily))
            _clock.AdvanceBy(TimeSpan.FromDays(7.2));
        using (PaperSessionRecorder.Start(_store.Evidence, _clock, realClock: true, "replay:capture.jsonl", "paper", snapshotInterval: daily))
            _clock.AdvanceBy(TimeSpan.FromDays(7.2));

        var verdict = Rehearsal();
        Assert.False(verdict.Met);
        Assert.Contains("2 session(s) that do not count", verdict.Detail);
    }

    [Fact]
    public void A_session_stamped_in_the_future_or_an_unreadable_record_is_ignored()
    {
        var future = new PaperSession("f", _clock.Now.AddDays(1), _clock.Now.AddDays(9), "PAPER", "real", "coinbase", "paper", 0);
        _store.Evidence.Record(PaperSession.EvidenceKind, _clock.Now, future.ToJson());
        _store.Evidence.Record(PaperSession.EvidenceKind, _clock.Now, "{\"start\": 12}");

        var verdict = Rehearsal();
        Assert.False(verdict.Met);
        Assert.Contains("1 unreadable record(s)", verdict.Detail);
    }

    [Fact]
    public void Alerts_published_by_the_alert_manager_are_counted()
    {
        using var alerts = new AlertManager(_clock, _clock.TimeProvider, AlertPolicy.Default, [], new Trader.Host.Runtime.StateAlertJournal(_store.Alerts, TimeSpan.FromDays(1), _clock.TimeProvider));
        using var recorder = PaperSessionRecorder.Start(_store.Evidence, _clock, realClock: true, "coinbase", "paper", alerts);
        alerts.Raise(new GuardAlert(AlertKinds.Drawdown, AlertSeverity.Critical, null, "max_drawdown", "drawdown 11 %", _clock.Now, Resolved: false));
        Assert.Equal(1, recorder.Current.Breaches);
    }

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
    }
}
