using System.Net;
using System.Net.Sockets;
using Trader.Host.Metrics;
using Trader.Pipeline.Alerts;
using Trader.Pipeline.Telemetry;
using Trader.Testing;

namespace Trader.Host.Tests.Metrics;

/// <summary>REQ-OB1: the telemetry is exported on a read-only loopback /metrics that scrapes cleanly.</summary>
public sealed class MetricsServerTests
{
    private static readonly DateTimeOffset T0 = VirtualTime.Epoch;

    private static (Telemetry Telemetry, SloEvaluator Slo, List<GuardAlert> Alerts) Busy()
    {
        var clock = VirtualTime.Create();
        var telemetry = new Telemetry(clock.TimeProvider);
        var alerts = new List<GuardAlert>();
        var slo = new SloEvaluator(telemetry, clock, new SloSettings(), alerts.Add);
        for (var i = 1; i <= 200; i++) telemetry.RecordCycle(TimeSpan.FromMilliseconds(i * 6), degraded: i % 50 == 0);
        telemetry.RecordCycleSkipped();
        for (var i = 1; i <= 40; i++) telemetry.RecordRest("orders", i % 10 == 0 ? 429 : 200, TimeSpan.FromMilliseconds(i * 9));
        telemetry.RecordRest("accounts \"main\"\\path\nnext", 0, TimeSpan.FromSeconds(30));
        telemetry.RecordFeedLag("ticker", T0, T0.AddMilliseconds(35));
        telemetry.RecordFeedLag("level2", T0, T0.AddSeconds(2));
        telemetry.RecordFrame();
        telemetry.RecordParseError();
        telemetry.RecordOrder();
        telemetry.RecordFill();
        telemetry.RecordAlert("slo");
        clock.AdvanceBy(TimeSpan.FromMinutes(1));
        slo.Evaluate();
        return (telemetry, slo, alerts);
    }

    [Fact]
    [Trait("Req", "REQ-OB1")]
    public async Task Metrics_scrape_over_a_real_socket_and_parse_strictly()
    {
        var (telemetry, slo, _) = Busy();
        await using var server = await MetricsServer.StartAsync(telemetry, slo, port: 0);
        using var http = new HttpClient();

        using var response = await http.GetAsync(server.Url);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(response.Content.Headers.ContentType.Parameters, p => p.Name == "version" && p.Value == "0.0.4");
        var families = PrometheusTextParser.Parse(text);

        var cycle = families["trader_decision_cycle_seconds"];
        Assert.Equal("histogram", cycle.Type);
        Assert.Equal(200, cycle.Samples.Single(s => s.Name == "trader_decision_cycle_seconds_count").Value);
        Assert.Equal(Enumerable.Range(1, 200).Sum(i => i * 0.006), cycle.Samples.Single(s => s.Name == "trader_decision_cycle_seconds_sum").Value, 9);
        Assert.Equal(83, cycle.Samples.Single(s => s.Label("le") == "0.5").Value);  // 6 ms … 498 ms

        var rest = families["trader_rest_request_seconds"];
        Assert.Equal(36, rest.Samples.Single(s => s.Name.EndsWith("_count") && s.Label("endpoint") == "orders" && s.Label("status") == "200").Value);
        Assert.Equal(4, rest.Samples.Single(s => s.Name.EndsWith("_count") && s.Label("status") == "429").Value);
        // The awkward endpoint name survives escaping.
        Assert.Contains(rest.Samples, s => s.Label("endpoint") == "accounts \"main\"\\path\nnext" && s.Label("status") == "0");

        Assert.Equal(["level2", "ticker"], families["trader_feed_lag_seconds"].Samples
            .Where(s => s.Name.EndsWith("_count")).Select(s => s.Label("channel")!));
        Assert.Equal(200, Value(families, "trader_cycles_total"));
        Assert.Equal(1, Value(families, "trader_cycles_skipped_total"));
        Assert.Equal(4, Value(families, "trader_degraded_cycles_total"));
        Assert.Equal(1, Value(families, "trader_frames_total"));
        Assert.Equal(1, Value(families, "trader_parse_errors_total"));
        Assert.Equal(1, Value(families, "trader_orders_total"));
        Assert.Equal(1, Value(families, "trader_fills_total"));
        Assert.Equal(1, families["trader_alerts_total"].Samples.Single(s => s.Label("kind") == "slo").Value);
        Assert.Equal(1.14, families["trader_window_cycle_latency_seconds"].Samples.Single(s => s.Label("quantile") == "0.95").Value, 9);
        Assert.Equal(0.02, Value(families, "trader_window_degraded_cycle_ratio"), 12);
        Assert.Equal(3600, Value(families, "trader_window_seconds"));

        var violated = families["trader_slo_violated"].Samples.ToDictionary(s => s.Label("slo")!, s => s.Value);
        Assert.Equal(new Dictionary<string, double>
        {
            [SloNames.CycleP95] = 1, [SloNames.CycleP99] = 0, [SloNames.RestP95] = 1, [SloNames.DegradedCycles] = 1,
        }, violated);
        Assert.Equal(0.3, families["trader_slo_target"].Samples.Single(s => s.Label("slo") == SloNames.RestP95).Value, 12);
        Assert.All(families.Values, f => Assert.False(string.IsNullOrEmpty(f.Help)));
    }

    [Fact]
    public async Task Only_get_on_metrics_is_served()
    {
        var (telemetry, slo, _) = Busy();
        await using var server = await MetricsServer.StartAsync(telemetry, slo, port: 0);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.Port}") };

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/metrics/extra")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/status")).StatusCode);
        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch })
        {
            using var response = await http.SendAsync(new HttpRequestMessage(method, "/metrics") { Content = new StringContent("x") });
            Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
            Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow.Order());
        }
        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/metrics"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_server_listens_on_loopback_only()
    {
        var (telemetry, slo, _) = Busy();
        await using var server = await MetricsServer.StartAsync(telemetry, slo, port: 0);

        // Bound to 127.0.0.1 only (never probed from another address: tests send traffic to loopback only).
        Assert.StartsWith("http://127.0.0.1:", server.Url);
    }

    [Fact]
    public async Task An_empty_registry_scrapes_cleanly_too()
    {
        var telemetry = new Telemetry(VirtualTime.Create().TimeProvider);
        await using var server = await MetricsServer.StartAsync(telemetry, slos: null, port: 0);
        using var http = new HttpClient();

        var families = PrometheusTextParser.Parse(await http.GetStringAsync(server.Url));

        Assert.Equal(0, families["trader_decision_cycle_seconds"].Samples.Single(s => s.Label("le") == "+Inf").Value);
        Assert.Empty(families["trader_rest_request_seconds"].Samples);
        Assert.Empty(families["trader_window_cycle_latency_seconds"].Samples);
    }

    [Fact]
    public void The_port_comes_from_the_flag_then_the_config_and_none_when_disabled()
    {
        var monitoring = new Trader.Domain.Config.MonitoringSection();
        Assert.Equal(9464, MetricsPort.Resolve(monitoring, null));
        Assert.Equal(9999, MetricsPort.Resolve(monitoring with { PrometheusPort = 9999 }, null));
        Assert.Equal(1234, MetricsPort.Resolve(monitoring with { PrometheusPort = 9999 }, 1234));
        Assert.Null(MetricsPort.Resolve(monitoring with { MetricsEnabled = false }, null));
        Assert.Equal(1234, MetricsPort.Resolve(monitoring with { MetricsEnabled = false }, 1234));
    }

    private static double Value(IReadOnlyDictionary<string, PrometheusFamily> families, string name) =>
        Assert.Single(families[name].Samples).Value;
}
