namespace Trader.Pipeline.Telemetry;

/// <summary>The SLOs by name; an SLO alert carries its name as reason.</summary>
public static class SloNames
{
    public const string CycleP95 = "slo_cycle_p95";
    public const string CycleP99 = "slo_cycle_p99";
    public const string RestP95 = "slo_rest_p95";
    public const string DegradedCycles = "slo_degraded_cycles";

    public static readonly IReadOnlyList<string> All = [CycleP95, CycleP99, RestP95, DegradedCycles];
}
