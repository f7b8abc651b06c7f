using System.Collections.Concurrent;

namespace Trader.Pipeline.Telemetry;

/// <summary>
/// The process's telemetry registry (REQ-OB1, NFR-P1): fixed-bucket histograms of decision-cycle latency, REST
/// latency per endpoint and status, and feed lag per channel; counters of cycles, skipped and degraded cycles,
/// frames, parse errors, orders, fills and alerts by kind; and rolling windows of raw cycle and REST latencies on
/// the injected clock for exact SLO quantiles. Injected, never static: each process (or test) owns its own.
/// Recording is cheap and allocation-free once a labelled series exists. Thread-safe.
/// </summary>
public sealed class Telemetry
{
    public const string OtherLabel = "other";

    private readonly TimeProvider _time;
    private readonly TelemetryOptions _options;
    private readonly Histogram _cycle = new(HistogramBuckets.CycleSeconds);
    private readonly ConcurrentDictionary<(string Endpoint, int Status), Histogram> _rest = new();
    private readonly ConcurrentDictionary<string, Histogram> _feedLag = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Counter> _alerts = new(StringComparer.Ordinal);
    private readonly RollingWindow _cycleWindow;
    private readonly RollingWindow _degradedWindow;
    private readonly RollingWindow _restWindow;
    private readonly Counter _cycles = new();
    private readonly Counter _cyclesSkipped = new();
    private readonly Counter _degradedCycles = new();
    private readonly Counter _frames = new();
    private readonly Counter _parseErrors = new();
    private readonly Counter _orders = new();
    private readonly Counter _fills = new();

    public Telemetry(TimeProvider time, TelemetryOptions? options = null)
    {
        _time = time;
        _options = options ?? new TelemetryOptions();
        _cycleWindow = new RollingWindow(_options.Window, _options.WindowCapacity);
        _degradedWindow = new RollingWindow(_options.Window, _options.WindowCapacity);
        _restWindow = new RollingWindow(_options.Window, _options.WindowCapacity);
    }

    public TimeSpan WindowLength => _options.Window;

    /// <summary>
    /// One decision cycle that ran. <paramref name="degraded"/>: any safety-gate input was degraded while it ran
    /// (a stale or unhealthy product in the universe, the feed down, alert delivery failing).
    /// </summary>
    public void RecordCycle(TimeSpan latency, bool degraded)
    {
        var seconds = latency.TotalSeconds;
        var now = _time.GetUtcNow();
        _cycle.Record(seconds);
        _cycles.Increment();
        if (degraded) _degradedCycles.Increment();
        _cycleWindow.Add(now, seconds);
        _degradedWindow.Add(now, degraded ? 1 : 0);
    }

    /// <summary>A cycle that was due while the previous one still ran and was skipped (DESIGN.md §1).</summary>
    public void RecordCycleSkipped() => _cyclesSkipped.Increment();

    /// <summary>One REST call: <paramref name="status"/> is the HTTP status, 0 when no response arrived.</summary>
    public void RecordRest(string endpoint, int status, TimeSpan duration)
    {
        var key = (Label(endpoint), status);
        var histogram = _rest.TryGetValue(key, out var found) ? found
            : _rest.Count >= _options.MaxSeries ? _rest.GetOrAdd((OtherLabel, status), NewRest)
            : _rest.GetOrAdd(key, NewRest);
        var seconds = duration.TotalSeconds;
        histogram.Record(seconds);
        _restWindow.Add(_time.GetUtcNow(), seconds);
    }

    /// <summary>Feed lag of one received message: <paramref name="tsRecv"/> − <paramref name="tsEvent"/>.</summary>
    public void RecordFeedLag(string channel, DateTimeOffset tsEvent, DateTimeOffset tsRecv)
    {
        var key = Label(channel);
        var histogram = _feedLag.TryGetValue(key, out var found) ? found
            : _feedLag.Count >= _options.MaxSeries ? _feedLag.GetOrAdd(OtherLabel, NewFeedLag)
            : _feedLag.GetOrAdd(key, NewFeedLag);
        histogram.Record((tsRecv - tsEvent).TotalSeconds);
    }

    public void RecordFrame() => _frames.Increment();

    public void RecordParseError() => _parseErrors.Increment();

    public void RecordOrder() => _orders.Increment();

    public void RecordFill() => _fills.Increment();

    /// <summary>One alert raised, by CONTRACTS.md §7 kind.</summary>
    public void RecordAlert(string kind)
    {
        var key = Label(kind);
        var counter = _alerts.TryGetValue(key, out var found) ? found
            : _alerts.Count >= _options.MaxSeries ? _alerts.GetOrAdd(OtherLabel, static _ => new Counter())
            : _alerts.GetOrAdd(key, static _ => new Counter());
        counter.Increment();
    }

    /// <summary>The exact figures over the rolling window ending now.</summary>
    public WindowFigures Window()
    {
        var now = _time.GetUtcNow();
        var cycles = _cycleWindow.ValuesAt(now);
        var rest = _restWindow.ValuesAt(now);
        var degradedFlags = _degradedWindow.ValuesAt(now);
        Array.Sort(cycles);
        Array.Sort(rest);
        var degraded = degradedFlags.Count(flag => flag > 0);
        return new WindowFigures(
            _options.Window,
            cycles.Length, Quantile(cycles, 0.50), Quantile(cycles, 0.95), Quantile(cycles, 0.99),
            rest.Length, Quantile(rest, 0.50), Quantile(rest, 0.95), Quantile(rest, 0.99),
            degraded, degradedFlags.Length == 0 ? null : (double)degraded / degradedFlags.Length);
    }

    public TelemetrySnapshot Snapshot()
    {
        var rest = _rest
            .Select(pair => new RestSeries(pair.Key.Endpoint, pair.Key.Status, pair.Value.Snapshot()))
            .OrderBy(series => series.Endpoint, StringComparer.Ordinal).ThenBy(series => series.Status)
            .ToList();
        var feedLag = _feedLag
            .Select(pair => new FeedLagSeries(pair.Key, pair.Value.Snapshot()))
            .OrderBy(series => series.Channel, StringComparer.Ordinal)
            .ToList();
        var alerts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (kind, counter) in _alerts) alerts[kind] = counter.Value;
        return new TelemetrySnapshot(
            _time.GetUtcNow(), _cycle.Snapshot(), rest, feedLag,
            _cycles.Value, _cyclesSkipped.Value, _degradedCycles.Value,
            _frames.Value, _parseErrors.Value, _orders.Value, _fills.Value,
            alerts, Window());
    }

    private static double? Quantile(double[] sorted, double q) =>
        sorted.Length == 0 ? null : ExactQuantile.OfSorted(sorted, q);

    private static string Label(string? value) => string.IsNullOrEmpty(value) ? "unknown" : value;

    private static Histogram NewRest((string Endpoint, int Status) _) => new(HistogramBuckets.RestSeconds);

    private static Histogram NewFeedLag(string _) => new(HistogramBuckets.FeedLagSeconds);
}
