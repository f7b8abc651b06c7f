using System.Text.Json;

namespace Trader.Host.Tests.Gates;

/// <summary>`trader gates` in-process: real SQLite evidence, a real SNTP responder on 127.0.0.1, the virtual clock.</summary>
[Trait("Req", "REQ-M1")]
public sealed class GatesCommandTests
{
    private static Dictionary<string, JsonElement> Gates(string json) =>
        JsonDocument.Parse(json).RootElement.GetProperty("gates").EnumerateArray().ToDictionary(g => g.GetProperty("name").GetString()!);

    [Fact]
    public async Task A_fresh_install_exits_4_and_lists_exactly_what_is_missing_without_creating_the_state_db()
    {
        using var install = new GoLiveFixture();

        var (exit, json, _) = await install.RunAsync("gates", "--json");

        Assert.Equal(4, exit);
        var gates = Gates(json);
        Assert.Equal(["config_valid", "secrets", "clock_sync", "paper_rehearsal", "kill_drill", "telemetry", "alerts", "jitter"], gates.Keys);
        var unmet = gates.Where(g => !g.Value.GetProperty("met").GetBoolean()).Select(g => g.Key).ToList();
        Assert.Equal(["secrets", "paper_rehearsal", "kill_drill", "alerts"], unmet);
        Assert.Contains("no API key", gates["secrets"].GetProperty("detail").GetString());
        Assert.Contains("secrets.rotated_on is not set", gates["secrets"].GetProperty("detail").GetString());
        Assert.Contains("COINBASE_API_KEY_NAME", gates["secrets"].GetProperty("remedy").GetString());
        Assert.Equal("no PAPER session recorded", gates["paper_rehearsal"].GetProperty("detail").GetString());
        Assert.Contains("trader run --mode paper", gates["paper_rehearsal"].GetProperty("remedy").GetString());
        Assert.Equal("no kill-switch drill recorded", gates["kill_drill"].GetProperty("detail").GetString());
        Assert.Contains("trader drill kill", gates["kill_drill"].GetProperty("remedy").GetString());
        Assert.Contains("ALERT_WEBHOOK_URL", gates["alerts"].GetProperty("remedy").GetString());
        Assert.True(gates["telemetry"].GetProperty("met").GetBoolean());
        Assert.True(gates["jitter"].GetProperty("met").GetBoolean());
        Assert.Contains("offset 5 ms", gates["clock_sync"].GetProperty("detail").GetString());
        Assert.False(JsonDocument.Parse(json).RootElement.GetProperty("all_met").GetBoolean());
        Assert.False(File.Exists(install.StatePath), "gates is read-only: it never creates the state DB");

        var (textExit, text, _) = await install.RunAsync("gates");
        Assert.Equal(4, textExit);
        Assert.Contains("UNMET  kill_drill", text);
        Assert.Contains("met    jitter", text);
        Assert.Contains("4 of 8 gates met", text);
    }

    [Fact]
    [Trait("Req", "REQ-TIME1")]
    public async Task With_every_piece_of_evidence_planted_every_gate_is_met_and_the_clock_check_is_recorded()
    {
        using var install = new GoLiveFixture(GoLiveFixture.ReadyEdits);
        install.PlantEverything();

        var (exit, json, err) = await install.RunAsync("gates", "--json");

        Assert.True(exit == 0, json + err);
        var gates = Gates(json);
        Assert.All(gates.Values, g => Assert.True(g.GetProperty("met").GetBoolean(), g.ToString()));
        Assert.Contains("7.5 days of PAPER on the live feed", gates["paper_rehearsal"].GetProperty("detail").GetString());
        Assert.Contains("kill-switch drill passed 2025-01-05T12:00:00.000Z", gates["kill_drill"].GetProperty("detail").GetString());

        using var store = State.Storage.StateStore.Open(install.StatePath);
        var check = Assert.Single(store.Evidence.OfKind("clock_check"));
        Assert.Equal(install.Clock.Now, check.Ts);
    }

    [Fact]
    public async Task A_drill_8_days_old_is_stale()
    {
        using var install = new GoLiveFixture(GoLiveFixture.ReadyEdits);
        install.SetKeysAndWebhook();
        install.PlantPaperRehearsal(7.5);
        install.PlantKillDrill(TimeSpan.FromDays(8));

        var (exit, json, _) = await install.RunAsync("gates", "--json");

        Assert.Equal(4, exit);
        var unmet = Gates(json).Where(g => !g.Value.GetProperty("met").GetBoolean()).ToList();
        var drill = Assert.Single(unmet);
        Assert.Equal("kill_drill", drill.Key);
        Assert.Contains("is 8.0 days old", drill.Value.GetProperty("detail").GetString());
    }

    [Fact]
    [Trait("Req", "REQ-TIME1")]
    public async Task A_clock_150_ms_off_fails_the_clock_gate()
    {
        using var install = new GoLiveFixture(GoLiveFixture.ReadyEdits);
        install.PlantEverything();
        install.Responder.Offset = TimeSpan.FromMilliseconds(150);

        var (exit, json, _) = await install.RunAsync("gates", "--json");

        Assert.Equal(4, exit);
        var clock = Assert.Single(Gates(json), g => !g.Value.GetProperty("met").GetBoolean());
        Assert.Equal("clock_sync", clock.Key);
        Assert.Contains("150 ms behind NTP time", clock.Value.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Replayed_or_breached_paper_time_does_not_count()
    {
        using var install = new GoLiveFixture(GoLiveFixture.ReadyEdits);
        install.SetKeysAndWebhook();
        install.PlantKillDrill(TimeSpan.FromHours(2));
        install.PlantPaperRehearsal(9, clock: "virtual");
        install.PlantPaperRehearsal(9, feed: "replay:data/captures/btc.jsonl.gz");

        var (exit, json, _) = await install.RunAsync("gates", "--json");
        Assert.Equal(4, exit);
        var paper = Gates(json)["paper_rehearsal"];
        Assert.False(paper.GetProperty("met").GetBoolean());
        Assert.Contains("is 0.0 days, 7.0 needed (4 session(s) that do not count", paper.GetProperty("detail").GetString());

        install.PlantPaperRehearsal(8, breaches: 1);
        var (_, again, _) = await install.RunAsync("gates", "--json");
        Assert.Contains("1 session(s) with safety-gate breaches", Gates(again)["paper_rehearsal"].GetProperty("detail").GetString());
        Assert.False(Gates(again)["paper_rehearsal"].GetProperty("met").GetBoolean());
    }

    [Fact]
    public async Task An_invalid_config_fails_config_valid_and_leaves_the_rest_unevaluated()
    {
        using var install = new GoLiveFixture(("app.yaml", "jitter_pct: 10.0", "jitter_pct: lots"));

        var (exit, json, err) = await install.RunAsync("gates", "--json");

        Assert.Equal(4, exit);
        Assert.Contains("loop.jitter_pct", err);
        var gates = Gates(json);
        Assert.All(gates.Values, g => Assert.False(g.GetProperty("met").GetBoolean()));
        Assert.Contains("error(s)", gates["config_valid"].GetProperty("detail").GetString());
        Assert.Equal("not evaluated: the config does not load", gates["kill_drill"].GetProperty("detail").GetString());
    }
}
