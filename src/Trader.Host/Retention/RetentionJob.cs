using Serilog;
using Trader.State.Storage;

namespace Trader.Host.Retention;

/// <summary>
/// The daily retention run (REQ-RET1): a timer on the injected clock fires <see cref="FirstRunDelay"/> after start and
/// then every <see cref="Period"/>, deleting state rows and log files older than <c>state.retention_days</c>. A failed
/// run is logged and retried at the next due time; it never stops the process.
/// </summary>
public sealed class RetentionJob : IDisposable
{
    public static readonly TimeSpan FirstRunDelay = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan Period = TimeSpan.FromDays(1);

    private readonly StateStore? _store;
    private readonly string _logDirectory;
    private readonly TimeSpan _retention;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly ITimer _timer;
    private readonly object _gate = new();

    public RetentionJob(StateStore? store, string logDirectory, int retentionDays, TimeProvider time, ILogger log)
    {
        if (retentionDays < 1) throw new ArgumentOutOfRangeException(nameof(retentionDays), retentionDays, "retention must be at least one day");
        _store = store;
        _logDirectory = logDirectory;
        _retention = TimeSpan.FromDays(retentionDays);
        _time = time;
        _log = log;
        _timer = time.CreateTimer(_ => RunOnce(), null, FirstRunDelay, Period);
    }

    public RetentionOutcome? LastOutcome { get; private set; }

    public int Runs { get; private set; }

    public RetentionOutcome? RunOnce()
    {
        lock (_gate)
        {
            var cutoff = _time.GetUtcNow() - _retention;
            try
            {
                var outcome = Purger.Purge(_store, _logDirectory, cutoff);
                LastOutcome = outcome;
                _log.Information("retention: deleted data older than {Cutoff:O}: {Summary}", cutoff, outcome.Summary());
                return outcome;
            }
            catch (Exception e)
            {
                _log.Error(e, "retention: the run for data older than {Cutoff:O} failed; it runs again in {Period}", cutoff, Period);
                return null;
            }
            finally
            {
                Runs++;
            }
        }
    }

    public void Dispose() => _timer.Dispose();
}
