using System.Globalization;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using Trader.Pipeline.Alerts;

namespace Trader.Pipeline.Telemetry;

/// <summary>
/// Checks the SLOs (REQ-OB1, NFR-P1) against the telemetry's rolling window every evaluation interval on the
/// clock. A figure that goes above its target raises an <c>slo</c> alert (warning, reason = the SLO name, the
/// measured value in the message); the first evaluation that finds it within target again raises the resolved
/// alert. A figure without enough samples is not judged: its state, open or not, stays as it was. Thread-safe.
/// </summary>
public sealed class SloEvaluator : IDisposable
{
    private readonly Telemetry _telemetry;
    private readonly IScheduler _scheduler;
    private readonly SloSettings _settings;
    private readonly Action<GuardAlert> _raise;
    private readonly SerialDisposable _next = new();
    private readonly object _gate = new();
    private readonly Dictionary<string, SloState> _states = new(StringComparer.Ordinal);
    private bool _stopped;

    public SloEvaluator(Telemetry telemetry, IScheduler scheduler, SloSettings settings, Action<GuardAlert> raise)
    {
        if (settings.EvaluationInterval <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(settings), "the evaluation interval must be positive");
        if (settings.MinSamples < 1)
            throw new ArgumentOutOfRangeException(nameof(settings), "at least one sample is needed to judge an SLO");
        _telemetry = telemetry;
        _scheduler = scheduler;
        _settings = settings;
        _raise = raise;
        foreach (var name in SloNames.All)
            _states[name] = new SloState(name, TargetOf(name), null, 0, false, null);
    }

    /// <summary>The SLOs as last evaluated, in <see cref="SloNames.All"/> order.</summary>
    public IReadOnlyList<SloState> States
    {
        get { lock (_gate) return SloNames.All.Select(name => _states[name]).ToList(); }
    }

    /// <summary>Evaluates every interval from now on (the first one interval after the start).</summary>
    public void Start()
    {
        lock (_gate)
        {
            _stopped = false;
            ScheduleFrom(_scheduler.Now);
        }
    }

    /// <summary>Evaluates now; also what the periodic timer runs.</summary>
    public IReadOnlyList<SloState> Evaluate()
    {
        var window = _telemetry.Window();
        var now = _scheduler.Now;
        lock (_gate)
        {
            Judge(SloNames.CycleP95, window.CycleP95, window.CycleSamples, now,
                value => $"decision cycle p95 {Seconds(value)} over {Seconds(TargetOf(SloNames.CycleP95))} target ({window.CycleSamples} cycles in {Span(window.Length)})");
            Judge(SloNames.CycleP99, window.CycleP99, window.CycleSamples, now,
                value => $"decision cycle p99 {Seconds(value)} over {Seconds(TargetOf(SloNames.CycleP99))} target ({window.CycleSamples} cycles in {Span(window.Length)})");
            Judge(SloNames.RestP95, window.RestP95, window.RestSamples, now,
                value => $"REST p95 {Seconds(value)} over {Seconds(TargetOf(SloNames.RestP95))} target ({window.RestSamples} calls in {Span(window.Length)})");
            Judge(SloNames.DegradedCycles, window.DegradedShare, window.CycleSamples, now,
                value => $"{Percent(value)} of cycles ran with degraded safety, over {Percent(TargetOf(SloNames.DegradedCycles))} ({window.DegradedCycles} of {window.CycleSamples} in {Span(window.Length)})");
            return SloNames.All.Select(name => _states[name]).ToList();
        }
    }

    public void Dispose()
    {
        lock (_gate) _stopped = true;
        _next.Dispose();
    }

    private void ScheduleFrom(DateTimeOffset previousDue)
    {
        var due = previousDue + _settings.EvaluationInterval;
        _next.Disposable = _scheduler.Schedule(due, () =>
        {
            lock (_gate)
                if (_stopped) return;
            Evaluate();
            lock (_gate)
                if (!_stopped) ScheduleFrom(due);
        });
    }

    private void Judge(string name, double? measured, int samples, DateTimeOffset now, Func<double, string> describe)
    {
        var previous = _states[name];
        if (measured is not { } value || samples < _settings.MinSamples)
        {
            _states[name] = previous with { Measured = measured, Samples = samples, EvaluatedAt = now };
            return;
        }
        var violated = value > previous.Target;
        _states[name] = previous with { Measured = value, Samples = samples, Violated = violated, EvaluatedAt = now };
        if (violated == previous.Violated) return;
        _raise(violated
            ? new GuardAlert(AlertKinds.Slo, AlertSeverity.Warning, null, name, describe(value), now, Resolved: false)
            : new GuardAlert(AlertKinds.Slo, AlertSeverity.Info, null, name,
                $"{name} back within target: {Measured(name, value)} ≤ {Measured(name, previous.Target)}", now, Resolved: true));
    }

    private double TargetOf(string name) => name switch
    {
        SloNames.CycleP95 => _settings.CycleP95.TotalSeconds,
        SloNames.CycleP99 => _settings.CycleP99.TotalSeconds,
        SloNames.RestP95 => _settings.RestP95.TotalSeconds,
        SloNames.DegradedCycles => _settings.MaxDegradedShare,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown SLO"),
    };

    private static string Measured(string name, double value) =>
        name == SloNames.DegradedCycles ? Percent(value) : Seconds(value);

    private static string Seconds(double seconds) => seconds.ToString("0.000", CultureInfo.InvariantCulture) + " s";

    private static string Percent(double share) => (share * 100).ToString("0.###", CultureInfo.InvariantCulture) + " %";

    private static string Span(TimeSpan span) => span.TotalMinutes >= 1
        ? span.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture) + " min"
        : span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";
}
