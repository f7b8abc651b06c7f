using Trader.Host.Metrics;
using Trader.Host.Modes;

namespace Trader.Host.Gates;

/// <summary>The telemetry gate (spec §6.4, REQ-OB1): <c>/metrics</c> is served (<c>monitoring.metrics_enabled</c> with <c>monitoring.prometheus_port</c>).</summary>
public sealed class TelemetryGate : GoLiveGate
{
    public override string Name => "telemetry";

    public override GateVerdict Evaluate(LiveRequest request) =>
        MetricsPort.Resolve(request.Config.App.Monitoring, null) is { } port
            ? GateVerdict.Pass($"/metrics on 127.0.0.1:{port} (cycle and REST latency, SLOs)")
            : GateVerdict.Fail("monitoring.metrics_enabled is false: no latency telemetry", "set monitoring.metrics_enabled: true and monitoring.prometheus_port in app.yaml");
}
