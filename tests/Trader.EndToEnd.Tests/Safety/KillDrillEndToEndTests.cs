using System.Text.Json;
using Trader.State.Storage;
using Trader.Testing;

namespace Trader.EndToEnd.Tests.Safety;

/// <summary>`trader drill kill` as an operator runs it: the real binary, the embedded simulator, the real clock.</summary>
public sealed class KillDrillEndToEndTests : IDisposable
{
    private readonly TempDir _dir = new("trader-drill-");
    private readonly string _config;

    public KillDrillEndToEndTests() =>
        _config = ConfigFixture.CopyShipped(_dir.Path, ("app.yaml", "wss://advanced-trade-ws.coinbase.com", "ws://127.0.0.1:9"));

    [Fact]
    [Trait("Req", "REQ-K1")]
    public void The_kill_drill_prints_one_json_line_within_every_deadline_and_records_it_as_go_live_evidence()
    {
        using var drill = TraderProcess.Start(["drill", "kill", "--config", _config, "--data-dir", _dir.File("var")]);
        Assert.True(drill.WaitForExit(TimeSpan.FromSeconds(60)), drill.Output);
        Assert.Equal(0, drill.ExitCode);

        var line = Assert.Single(drill.Output.Split('\n').Select(l => l.Trim()), l => l.StartsWith("{\"detect_ms\"", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.InRange(root.GetProperty("detect_ms").GetInt64(), 0, 3_000);
        Assert.InRange(root.GetProperty("alert_ms").GetInt64(), root.GetProperty("detect_ms").GetInt64(), 5_000);
        Assert.InRange(root.GetProperty("cancel_all_ms").GetInt64(), root.GetProperty("detect_ms").GetInt64(), 10_000);
        Assert.Equal(5, root.GetProperty("orders_cancelled").GetInt32());
        Assert.Equal(0, root.GetProperty("orders_left").GetInt32());
        Assert.True(root.GetProperty("passed").GetBoolean());
        Assert.Contains("KILL SWITCH ACTIVE (kill_file)", drill.Output);
        Assert.Contains("ALERT kill_switch critical", drill.Output);

        using var store = StateStore.Open(_dir.File("var/state.db"));
        var evidence = Assert.Single(store.Evidence.OfKind("kill_drill"));
        Assert.Equal(line, evidence.PayloadJson);
        // The drill halts only its private directory: the data directory itself is not halted.
        Assert.Empty(store.Halts.Active());
        Assert.False(File.Exists(_dir.File("var/KILL_SWITCH")));
    }

    [Fact]
    [Trait("Req", "REQ-K1")]
    public void A_drill_on_a_data_directory_held_by_a_running_service_exits_3_before_doing_anything()
    {
        using var run = TraderProcess.Start(["run", "--mode", "dry-run", "--metrics-port", "0", "--config", _config, "--data-dir", _dir.File("var")]);
        Assert.True(run.WaitForOutput("trader run started", TimeSpan.FromSeconds(60)), run.Output);

        using var drill = TraderProcess.Start(["drill", "kill", "--config", _config, "--data-dir", _dir.File("var")]);
        Assert.True(drill.WaitForExit(TimeSpan.FromSeconds(60)), drill.Output);
        Assert.Equal(3, drill.ExitCode);
        Assert.DoesNotContain("detect_ms", drill.Output);
        Assert.DoesNotContain("KILL SWITCH", run.Output);

        run.Signal(15);
        Assert.True(run.WaitForExit(TimeSpan.FromSeconds(10)));
    }

    public void Dispose() => _dir.Dispose();
}
