using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using Trader.Pipeline.Alerts;

namespace Trader.Pipeline.Alerting;

/// <summary>
/// Turns raised alerts into delivered notifications (REQ-AL1): the first raise of a dedupe key is recorded in the
/// journal and handed to every sink at once (so the first delivery attempt is at the raise instant, well within
/// 5 s); the same key raised again within <see cref="AlertPolicy.Dedupe"/> is suppressed and counted; an episode
/// still unresolved after <see cref="AlertPolicy.Escalation"/> is escalated one severity up (and reaches the
/// escalation route); a resolved raise announces the resolution and ends the episode. Raising never blocks and
/// never throws: delivery runs on per-sink queues that retry on the clock.
/// </summary>
public sealed class AlertManager : IDisposable
{
    private readonly IScheduler _scheduler;
    private readonly AlertPolicy _policy;
    private readonly IAlertJournal _journal;
    private readonly Dictionary<string, SinkQueue> _queues;
    private readonly Dictionary<string, Episode> _episodes = new(StringComparer.Ordinal);
    private readonly List<AlertNotification> _published = [];
    private readonly object _gate = new();
    private long _sequence;
    private long _suppressed;

    public AlertManager(IScheduler scheduler, TimeProvider time, AlertPolicy policy, IReadOnlyList<IAlertSink> sinks, IAlertJournal journal)
    {
        _scheduler = scheduler;
        _policy = policy;
        _journal = journal;
        _queues = sinks.ToDictionary(s => s.Name, s => new SinkQueue(s, time, policy, journal), StringComparer.Ordinal);
    }

    /// <summary>Raised after a notification is recorded and queued (for reports and status).</summary>
    public event Action<AlertNotification>? Published;

    public long Suppressed => Interlocked.Read(ref _suppressed);

    public IReadOnlyList<AlertNotification> PublishedSoFar
    {
        get { lock (_gate) return _published.ToList(); }
    }

    /// <summary>Keys of episodes raised and not yet resolved.</summary>
    public IReadOnlyCollection<string> OpenEpisodes
    {
        get { lock (_gate) return _episodes.Keys.ToList(); }
    }

    public static string DedupeKeyOf(GuardAlert alert) => $"{alert.Kind}|{alert.ProductId ?? "*"}|{alert.Reason}";

    public void Raise(GuardAlert alert)
    {
        var key = DedupeKeyOf(alert);
        var now = _scheduler.Now;
        lock (_gate)
        {
            if (alert.Resolved)
            {
                if (!_episodes.Remove(key, out var open)) return;
                open.EscalationTimer.Dispose();
                Publish(alert with { Severity = open.Severity }, key, now, escalated: false, resolved: true);
                return;
            }

            if (_episodes.TryGetValue(key, out var episode))
            {
                if (now - episode.LastPublished < _policy.Dedupe)
                {
                    Interlocked.Increment(ref _suppressed);
                    return;
                }
                episode.LastPublished = now;
                Publish(alert, key, now, episode.Escalated, resolved: false);
                return;
            }

            episode = new Episode(alert, now);
            _episodes[key] = episode;
            episode.EscalationTimer.Disposable = _scheduler.Schedule(_policy.Escalation, () => Escalate(key, episode));
            Publish(alert, key, now, escalated: false, resolved: false);
        }
    }

    private void Escalate(string key, Episode episode)
    {
        lock (_gate)
        {
            if (!_episodes.TryGetValue(key, out var current) || !ReferenceEquals(current, episode)) return;
            episode.Escalated = true;
            episode.Severity = episode.Severity == AlertSeverity.Critical ? AlertSeverity.Critical : episode.Severity + 1;
            var message = $"unresolved for {_policy.Escalation.TotalMinutes:0.#} min: {episode.First.Message}";
            Publish(episode.First with { Severity = episode.Severity, Message = message }, key, _scheduler.Now, escalated: true, resolved: false);
        }
    }

    private void Publish(GuardAlert alert, string key, DateTimeOffset now, bool escalated, bool resolved)
    {
        var id = $"{now.ToUnixTimeMilliseconds()}-{Interlocked.Increment(ref _sequence)}";
        var notification = new AlertNotification(id, alert.Kind, alert.Severity, alert.ProductId, alert.Message, now, key, escalated, resolved);
        var targets = _queues.Values.Where(q => q.Sink.Accepts(notification)).ToList();
        _journal.Record(notification, targets.Select(q => q.Sink.Name).ToList());
        _published.Add(notification);
        foreach (var queue in targets) queue.Enqueue(notification);
        Published?.Invoke(notification);
    }

    /// <summary>Re-queues what the journal says was not delivered (after a restart).</summary>
    public int ResendUndelivered()
    {
        var count = 0;
        foreach (var (notification, sinks) in _journal.Undelivered())
        {
            foreach (var sink in sinks)
            {
                if (_queues.TryGetValue(sink, out var queue))
                {
                    queue.Enqueue(notification);
                    count++;
                }
            }
        }
        return count;
    }

    /// <summary>Completes when every queued notification has been delivered (or <paramref name="cancellationToken"/> fires).</summary>
    public Task DrainAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_queues.Values.Select(q => q.WhenIdleAsync(cancellationToken)));

    /// <summary>Completes when no sink is actively delivering (each is idle or waiting on the clock to retry).</summary>
    public Task SettleAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_queues.Values.Select(q => q.WhenSettledAsync(cancellationToken)));

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var episode in _episodes.Values) episode.EscalationTimer.Dispose();
            _episodes.Clear();
        }
        foreach (var queue in _queues.Values) queue.Dispose();
    }

    private sealed class Episode(GuardAlert first, DateTimeOffset at)
    {
        public GuardAlert First { get; } = first;
        public DateTimeOffset LastPublished { get; set; } = at;
        public AlertSeverity Severity { get; set; } = first.Severity;
        public bool Escalated { get; set; }
        public SerialDisposable EscalationTimer { get; } = new();
    }
}
