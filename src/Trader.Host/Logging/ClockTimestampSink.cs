using Serilog.Core;
using Serilog.Events;

namespace Trader.Host.Logging;

/// <summary>
/// Serilog stamps events with the machine's clock; this re-stamps each one from the process clock (DESIGN.md §3), so a
/// replay's or backtest's log carries virtual time and every timestamp agrees with the journal and the report.
/// </summary>
internal sealed class ClockTimestampSink : ILogEventSink
{
    private readonly ILogEventSink _inner;
    private readonly TimeProvider _time;

    public ClockTimestampSink(ILogEventSink inner, TimeProvider time)
    {
        _inner = inner;
        _time = time;
    }

    public void Emit(LogEvent e) => _inner.Emit(new LogEvent(
        _time.GetUtcNow(), e.Level, e.Exception, e.MessageTemplate,
        e.Properties.Select(p => new LogEventProperty(p.Key, p.Value)), e.TraceId ?? default, e.SpanId ?? default));
}
