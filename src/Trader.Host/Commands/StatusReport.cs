using System.Text.Json;

namespace Trader.Host.Commands;

/// <summary>What `trader status` reports (serialized snake_case by <see cref="StatusJson"/>).</summary>
public sealed record StatusReport
{
    public required string DataDir { get; init; }
    public string? Service { get; init; }
    public required string Mode { get; init; }
    public bool ReadOnly { get; init; }
    public bool KillSwitch { get; init; }
    public bool KillFile { get; init; }
    public IReadOnlyList<StatusHalt> Halts { get; init; } = [];
    public IReadOnlyList<StatusPosition> Positions { get; init; } = [];
    public IReadOnlyList<StatusOrder> WorkingOrders { get; init; } = [];
    public IReadOnlyList<StatusAlert> UnresolvedAlerts { get; init; } = [];
    public long JournalRows { get; init; }

    /// <summary>The service's last telemetry snapshot (<c>telemetry.json</c>): latency quantiles, degraded share, counters, SLOs.</summary>
    public JsonElement? Telemetry { get; init; }
}

public sealed record StatusHalt(string Gate, string Scope, string Reason, string Since);

public sealed record StatusPosition(string ProductId, string Size, string AverageCost, string RealizedPnlNet);

public sealed record StatusOrder(string ClientOrderId, string ProductId, string Side, string Type, string? Price, string? Size, string Status, string CreatedTs);

public sealed record StatusAlert(string Ts, string Kind, string Severity, string? ProductId, string Message);
