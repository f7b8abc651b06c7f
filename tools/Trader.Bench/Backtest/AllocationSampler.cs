using System.Diagnostics.Tracing;

namespace Trader.Bench.Backtest;

/// <summary>
/// Which types a run allocates, from the runtime's GC AllocationTick events (one event per ~100 KB allocated, with
/// the type of the object that crossed the mark): a sampled byte count per type, enough to see what dominates.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly Dictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public bool Recording { get; set; }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!Recording || e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null) return;
        var type = Payload(e, "TypeName") as string ?? "?";
        var amount = Payload(e, "AllocationAmount64") is ulong big ? (long)big : Payload(e, "AllocationAmount") is uint small ? small : 0L;
        lock (_gate) _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
    }

    /// <summary>The top types by sampled bytes, as "share  bytes/candle  type" lines.</summary>
    public IEnumerable<string> Top(int count, long candles)
    {
        lock (_gate)
        {
            var total = Math.Max(1L, _bytes.Values.Sum());
            return _bytes.OrderByDescending(p => p.Value).Take(count)
                .Select(p => $"{100d * p.Value / total,5:0.0} %  {(double)p.Value / candles,7:0.0} B/candle  {p.Key}").ToList();
        }
    }

    private static object? Payload(EventWrittenEventArgs e, string name)
    {
        var i = e.PayloadNames?.IndexOf(name) ?? -1;
        return i >= 0 ? e.Payload![i] : null;
    }
}
