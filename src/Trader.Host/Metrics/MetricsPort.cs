using Trader.Domain.Config;

namespace Trader.Host.Metrics;

/// <summary>Which port <c>/metrics</c> listens on: <c>--metrics-port</c> wins over <c>monitoring.prometheus_port</c>.</summary>
public static class MetricsPort
{
    /// <summary>Null when metrics are disabled (<c>monitoring.metrics_enabled: false</c>) and no port was asked for.</summary>
    public static int? Resolve(MonitoringSection monitoring, int? commandLinePort)
    {
        if (commandLinePort is { } asked) return asked;
        return monitoring.MetricsEnabled ? monitoring.PrometheusPort : null;
    }
}
