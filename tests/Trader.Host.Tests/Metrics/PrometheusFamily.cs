namespace Trader.Host.Tests.Metrics;

public sealed record PrometheusFamily(string Name, string Type, string? Help, List<PrometheusSample> Samples);
