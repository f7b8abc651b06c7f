using System.Text.Json;
using System.Text.Json.Nodes;
using Trader.Host.Gates;
using Trader.Host.Tests.ClockSync;
using Trader.Host.Tests.Secrets;
using Trader.State.Storage;
using Trader.Testing;

namespace Trader.Host.Tests.Gates;

/// <summary>The real `trader gates` binary on the real clock, with an SNTP responder on 127.0.0.1 answering in real time.</summary>
[Trait("Req", "REQ-M1")]
public sealed class GatesProcessTests : IDisposable
{
    private readonly TempDir _dir = new("trader-gates-e2e-");
    private readonly SntpResponder _responder = new(() => TimeProvider.System.GetUtcNow(), TimeSpan.FromMilliseconds(1));

    private string Config(params (string, string, string)[] edits) => ConfigFixture.CopyShipped(_dir.Path,
        [("app.yaml", "ntp_servers: [time.google.com, pool.ntp.org]", $"ntp_servers: [{_responder.Server}]"), .. edits]);

    private static (int Exit, string Output) Gates(string config, string dataDir, IDictionary<string, string?>? environment = null)
    {
        using var process = TraderProcess.Start(["gates", "--json", "--config", config, "--data-dir", dataDir], environment);
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), process.Output);
        return (process.ExitCode, process.Output);
    }

    /// <summary>The unmet gate names from the JSON object (the process output also carries stderr, e.g. a config warning).</summary>
    private static List<string> Unmet(string output) =>
        JsonDocument.Parse(output[output.IndexOf('{')..(output.LastIndexOf('}') + 1)]).RootElement.GetProperty("gates").EnumerateArray()
            .Where(g => !g.GetProperty("met").GetBoolean()).Select(g => g.GetProperty("name").GetString()!).ToList();

    [Fact]
    public void A_fresh_install_exits_4_listing_what_is_missing_and_planted_evidence_makes_it_exit_0()
    {
        var config = Config();
        var (exit, output) = Gates(config, _dir.File("var"));
        Assert.True(exit == 4, output);
        Assert.True(Unmet(output).SequenceEqual(["secrets", "paper_rehearsal", "kill_drill", "alerts"]), output);

        var now = TimeProvider.System.GetUtcNow();
        var ready = Config(("app.yaml", "rotated_on: null", $"rotated_on: {now.AddDays(-10):yyyy-MM-dd}"));
        using (var store = StateStore.Open(_dir.File("var/state.db")))
        {
            var session = new PaperSession("e2e", now.AddDays(-7.2), now.AddMinutes(-1), "PAPER", "real", "coinbase", "paper", 0);
            store.Evidence.Record(PaperSession.EvidenceKind, session.End, session.ToJson());
            store.Evidence.Record(Trader.Host.Drill.KillDrill.EvidenceKind, now.AddHours(-3), new JsonObject
            {
                ["detect_ms"] = 812, ["alert_ms"] = 813, ["cancel_all_ms"] = 1_204, ["orders_cancelled"] = 4, ["orders_left"] = 0, ["passed"] = true,
            }.ToJsonString());
        }
        var environment = new Dictionary<string, string?>
        {
            ["COINBASE_API_KEY_NAME"] = TestKeys.KeyName,
            ["COINBASE_API_PRIVATE_KEY"] = TestKeys.Es256Sec1Pem,
            ["ALERT_WEBHOOK_URL"] = "https://hooks.example.com/services/T000/B000/XXXX",
        };

        var (readyExit, readyOutput) = Gates(ready, _dir.File("var"), environment);
        Assert.True(readyExit == 0, readyOutput);
        Assert.True(Unmet(readyOutput).Count == 0, readyOutput);
        Assert.DoesNotContain("BEGIN EC PRIVATE KEY", readyOutput);
        Assert.Equal(2, _responder.Requests); // one clock check per run
    }

    [Fact]
    [Trait("Req", "REQ-K1")]
    public void A_real_kill_drill_meets_the_kill_drill_gate()
    {
        var config = Config(("app.yaml", "wss://advanced-trade-ws.coinbase.com", "ws://127.0.0.1:9"));
        using (var drill = TraderProcess.Start(["drill", "kill", "--config", config, "--data-dir", _dir.File("var")]))
        {
            Assert.True(drill.WaitForExit(TimeSpan.FromSeconds(60)), drill.Output);
            Assert.True(drill.ExitCode == 0, drill.Output);
        }

        var (exit, output) = Gates(config, _dir.File("var"));
        Assert.Equal(4, exit);
        Assert.True(Unmet(output).SequenceEqual(["secrets", "paper_rehearsal", "alerts"]), output);
        Assert.Contains("kill-switch drill passed", output);
    }

    public void Dispose()
    {
        _responder.Dispose();
        _dir.Dispose();
    }
}
