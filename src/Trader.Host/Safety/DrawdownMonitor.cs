using System.Globalization;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using Serilog;
using Trader.Domain.Config;
using Trader.Pipeline.Alerts;
using Trader.State.Equity;
using Trader.State.Storage;

namespace Trader.Host.Safety;

/// <summary>
/// Drawdown and daily/weekly stops over the equity marks (REQ-DD1). Every <see cref="DefaultPollInterval"/> on the
/// one clock it reads the marks recorded since the last poll (the NAV <c>StatePortfolioSource</c> marks each cycle) and
/// tracks the rolling peak (30 days) and this session's peak and worst drawdown. A breach latches a persisted halt
/// activated at the first offending mark — <c>drawdown</c> when (peak − NAV) / peak ≥ <c>risk.max_drawdown_pct</c>
/// from the rolling or the session peak,
/// <c>daily_stop</c> / <c>weekly_stop</c> when the day's / ISO week's PnL against its first mark falls to
/// <c>risk.daily_stop_pnl_pct</c> / <c>risk.weekly_stop_pnl_pct</c> — which the portfolio source turns into the
/// <c>SafetyState</c> latches that halt proposals and new orders, and raises a CRITICAL alert (<c>drawdown</c>, or
/// <c>daily_stop</c> for both stops) at the detecting poll, ≤ 1 s after the mark (the SLA is 5 s).
/// Release: `trader resume` clears the drawdown halt (<see cref="OperatorRelease"/>; the rolling and session peaks
/// then restart at the current NAV); the daily and weekly stops are cleared by the first poll of the next UTC day / ISO week.
/// </summary>
public sealed class DrawdownMonitor : IDisposable
{
    public const string DrawdownGate = "drawdown";
    public const string DailyGate = "daily_stop";
    public const string WeeklyGate = "weekly_stop";
    public const string Scope = "all";
    public const string ReleasedBy = "trader";

    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan AlertDeadline = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan RollingWindow = TimeSpan.FromDays(30);

    private readonly StateStore _store;
    private readonly RiskSection _risk;
    private readonly IScheduler _scheduler;
    private readonly Action<GuardAlert> _raise;
    private readonly ILogger _log;
    private readonly TimeSpan _pollInterval;
    private readonly SerialDisposable _timer = new();
    private readonly object _gate = new();
    private DateTimeOffset? _lastSeen;
    private decimal _rollingPeak;
    private decimal _sessionPeak;
    private decimal _sessionMaxDrawdownPct;
    private (DateTimeOffset Start, decimal Equity)? _day;
    private (DateTimeOffset Start, decimal Equity)? _week;
    private bool _drawdownLatched;
    private DrawdownStatus _status = DrawdownStatus.Empty;

    public DrawdownMonitor(StateStore store, RiskSection risk, IScheduler scheduler, Action<GuardAlert> raise, ILogger? log = null, TimeSpan? pollInterval = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _risk = risk ?? throw new ArgumentNullException(nameof(risk));
        _scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
        _raise = raise ?? throw new ArgumentNullException(nameof(raise));
        _log = log ?? Serilog.Core.Logger.None;
        _pollInterval = pollInterval ?? DefaultPollInterval;
    }

    public DrawdownStatus Status
    {
        get { lock (_gate) return _status; }
    }

    /// <summary>The one call a service makes: creates the monitor and starts polling (first poll now).</summary>
    public static DrawdownMonitor Attach(StateStore store, RiskSection risk, IScheduler scheduler, Action<GuardAlert> raise, ILogger? log = null)
    {
        var monitor = new DrawdownMonitor(store, risk, scheduler, raise, log);
        monitor.Start();
        return monitor;
    }

    public void Start()
    {
        Poll();
        _timer.Disposable = _scheduler.SchedulePeriodic(_pollInterval, Poll);
    }

    /// <summary>One pass: expire stops, notice an operator's resume, evaluate every new mark in order.</summary>
    public void Poll()
    {
        lock (_gate)
        {
            var now = _scheduler.Now;
            try
            {
                ReleaseExpiredStops(now);
                ObserveOperatorRelease(now);
                foreach (var mark in NewMarks(now)) Evaluate(mark, now);
            }
            catch (Microsoft.Data.Sqlite.SqliteException e)
            {
                _log.Warning("drawdown monitor: state DB busy ({Problem}); the next poll retries", e.Message);
            }
        }
    }

    private IEnumerable<EquityMark> NewMarks(DateTimeOffset now)
    {
        var end = now.AddTicks(1);
        if (_lastSeen is { } seen)
            return _store.Equity.Between(seen, end).Where(m => m.Ts > seen).ToList();

        // First poll: the peak from the window (since the last operator release), then only the latest mark is judged,
        // so a restart neither forgets the high-water mark nor re-alerts an old breach.
        var from = now - RollingWindow;
        var released = AccountHalts.LastDrawdownRelease(_store.Halts, from) ?? from;
        var history = _store.Equity.Between(released > from ? released : from, end);
        _drawdownLatched = _store.Halts.FindActive(DrawdownGate, Scope) is not null;
        if (history.Count == 0)
        {
            _lastSeen = now.AddTicks(-1); // a mark recorded at this very instant, after this poll, is still new
            return [];
        }
        _rollingPeak = history.Max(m => m.Nav);
        return [history[^1]];
    }

    private void Evaluate(EquityMark mark, DateTimeOffset now)
    {
        _lastSeen = mark.Ts;
        var nav = mark.Nav;
        _rollingPeak = Math.Max(_rollingPeak, nav);
        _sessionPeak = Math.Max(_sessionPeak, nav);
        var sessionDrawdown = DrawdownPct(_sessionPeak, nav);
        _sessionMaxDrawdownPct = Math.Max(_sessionMaxDrawdownPct, sessionDrawdown);
        var drawdown = DrawdownPct(_rollingPeak, nav);
        var day = StartOf(_day, DayStart(mark.Ts), mark);
        var week = StartOf(_week, WeekStart(mark.Ts), mark);
        (_day, _week) = (day, week);
        var dayPnl = PnlPct(day, nav);
        var weekPnl = PnlPct(week, nav);
        _status = new DrawdownStatus(mark.Ts, nav, _rollingPeak, drawdown, _sessionPeak, _sessionMaxDrawdownPct, dayPnl, weekPnl);

        // REQ-DD1: rolling or session. They differ when the session outlives the rolling window.
        var (worst, peak, which) = sessionDrawdown > drawdown ? (sessionDrawdown, _sessionPeak, "session") : (drawdown, _rollingPeak, "rolling");
        if (worst >= _risk.MaxDrawdownPct && _store.Halts.FindActive(DrawdownGate, Scope) is null)
        {
            _drawdownLatched = true;
            Latch(DrawdownGate, AlertKinds.Drawdown, "max_drawdown", mark, now,
                $"{which} drawdown {F(worst)} % from the peak {F(peak)} (max_drawdown_pct {F(_risk.MaxDrawdownPct)} %) at NAV {F(nav)}; " +
                "proposals and new orders halted until `trader resume`");
        }
        if (dayPnl <= -Math.Abs(_risk.DailyStopPnlPct) && _store.Halts.FindActive(DailyGate, Scope) is null)
        {
            Latch(DailyGate, AlertKinds.DailyStop, "daily_stop_loss", mark, now,
                $"day PnL {F(dayPnl)} % (daily_stop_pnl_pct {F(-Math.Abs(_risk.DailyStopPnlPct))} %) at NAV {F(nav)}; " +
                "proposals and new orders halted until the next UTC day");
        }
        if (weekPnl <= -Math.Abs(_risk.WeeklyStopPnlPct) && _store.Halts.FindActive(WeeklyGate, Scope) is null)
        {
            Latch(WeeklyGate, AlertKinds.DailyStop, "weekly_stop_loss", mark, now,
                $"week PnL {F(weekPnl)} % (weekly_stop_pnl_pct {F(-Math.Abs(_risk.WeeklyStopPnlPct))} %) at NAV {F(nav)}; " +
                "proposals and new orders halted until the next ISO week (Monday 00:00 UTC)");
        }
    }

    private void Latch(string gate, string kind, string reason, EquityMark mark, DateTimeOffset now, string message)
    {
        // The halt is activated at the first offending mark (the SLA clock's start), the alert at detection.
        _store.Halts.Activate(gate, Scope, $"{reason}: {message}", mark.Ts);
        _log.Fatal("{Gate} HALT: {Message}; mark at {MarkTs:O}, detected {DetectMs} ms later", gate, message, mark.Ts, (long)(now - mark.Ts).TotalMilliseconds);
        _raise(new GuardAlert(kind, AlertSeverity.Critical, null, reason, message, now, Resolved: false));
    }

    private void ReleaseExpiredStops(DateTimeOffset now)
    {
        Expire(DailyGate, DayStart(now), "daily_stop_loss", "a new UTC day began");
        Expire(WeeklyGate, WeekStart(now), "weekly_stop_loss", "a new ISO week began");

        void Expire(string gate, DateTimeOffset periodStart, string reason, string why)
        {
            if (_store.Halts.FindActive(gate, Scope) is not { } halt || halt.ActivatedTs >= periodStart) return;
            if (!_store.Halts.Clear(gate, Scope, now, ReleasedBy, why)) return;
            _log.Warning("{Gate} released: {Why}", gate, why);
            _raise(new GuardAlert(AlertKinds.DailyStop, AlertSeverity.Critical, null, reason, $"{gate} released: {why}", now, Resolved: true));
        }
    }

    private void ObserveOperatorRelease(DateTimeOffset now)
    {
        if (!_drawdownLatched || _store.Halts.FindActive(DrawdownGate, Scope) is not null) return;
        _drawdownLatched = false;
        // The operator accepted the loss: the peak restarts at the current NAV, or the same drawdown would halt again.
        if (_status.Nav is { } nav) (_rollingPeak, _sessionPeak) = (nav, nav);
        _log.Warning("drawdown halt released by the operator; the rolling peak restarts at {Peak}", _rollingPeak);
        _raise(new GuardAlert(AlertKinds.Drawdown, AlertSeverity.Critical, null, "max_drawdown", "drawdown halt released by the operator", now, Resolved: true));
    }

    private (DateTimeOffset Start, decimal Equity) StartOf((DateTimeOffset Start, decimal Equity)? known, DateTimeOffset periodStart, EquityMark mark)
    {
        if (known is { } k && k.Start == periodStart) return k;
        var first = _store.Equity.Between(periodStart, mark.Ts.AddTicks(1));
        return (periodStart, first.Count > 0 ? first[0].Nav : mark.Nav);
    }

    private static decimal DrawdownPct(decimal peak, decimal nav) => peak > 0m ? Math.Max(0m, (peak - nav) / peak * 100m) : 0m;

    private static decimal PnlPct((DateTimeOffset Start, decimal Equity) start, decimal nav) =>
        start.Equity > 0m ? (nav - start.Equity) / start.Equity * 100m : 0m;

    /// <summary>The UTC day, as the portfolio source counts it.</summary>
    public static DateTimeOffset DayStart(DateTimeOffset ts) => new(ts.UtcDateTime.Date, TimeSpan.Zero);

    /// <summary>Weeks start on Monday 00:00 UTC (ISO 8601), as the portfolio source counts them.</summary>
    public static DateTimeOffset WeekStart(DateTimeOffset ts)
    {
        var day = DayStart(ts);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }

    private static string F(decimal value) => Math.Round(value, 2).ToString(CultureInfo.InvariantCulture);

    public void Dispose() => _timer.Dispose();
}
