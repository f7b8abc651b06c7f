using System.Text.Json.Nodes;
using Trader.Host.Cli;
using Trader.Host.Composition;
using Trader.Host.Gates;
using Trader.Host.Tests.ClockSync;
using Trader.Host.Tests.Secrets;
using Trader.Pipeline.Clock;
using Trader.State.Storage;
using Trader.Testing;

namespace Trader.Host.Tests.Gates;

/// <summary>
/// A temp install for the go-live tests: the shipped config with its NTP servers pointed at an SNTP responder on
/// 127.0.0.1 (time = the virtual clock + an offset), a data dir, and helpers to plant evidence and run the CLI in-process.
/// </summary>
public sealed class GoLiveFixture : IDisposable
{
    public static readonly DateOnly Today = DateOnly.FromDateTime(VirtualTime.Epoch.UtcDateTime);

    private readonly TempDir _dir = new("trader-gates-");

    public GoLiveFixture(params (string File, string Find, string Replace)[] edits)
    {
        Responder = new SntpResponder(() => Clock.Now, TimeSpan.FromMilliseconds(5));
        ConfigDir = ConfigFixture.CopyShipped(_dir.Path,
            [("app.yaml", "ntp_servers: [time.google.com, pool.ntp.org]", $"ntp_servers: [{Responder.Server}]"), .. edits]);
    }

    public VirtualClock Clock { get; } = VirtualTime.Create();

    public SntpResponder Responder { get; }

    public string ConfigDir { get; }

    public string DataDir => _dir.File("var");

    public string StatePath => Path.Combine(DataDir, "state.db");

    public Dictionary<string, string> Environment { get; } = [];

    /// <summary>An API key, a webhook URL and a fresh rotation date: what an operator sets up before LIVE.</summary>
    public static (string, string, string)[] ReadyEdits { get; } =
    [
        ("app.yaml", "rotated_on: null", $"rotated_on: {Today.AddDays(-20):yyyy-MM-dd}"),
    ];

    public void SetKeysAndWebhook()
    {
        Environment["COINBASE_API_KEY_NAME"] = TestKeys.KeyName;
        Environment["COINBASE_API_PRIVATE_KEY"] = TestKeys.Es256Sec1Pem;
        Environment["ALERT_WEBHOOK_URL"] = "https://hooks.example.com/services/T000/B000/XXXX";
    }

    /// <summary>PAPER sessions on the real clock against Coinbase covering <paramref name="days"/> up to now, with a restart in the middle.</summary>
    public void PlantPaperRehearsal(double days, int breaches = 0, string clock = "real", string feed = "coinbase")
    {
        using var store = StateStore.Open(StatePath);
        var end = Clock.Now - TimeSpan.FromMinutes(5);
        var start = end - TimeSpan.FromDays(days);
        var middle = start + (end - start) / 2;
        foreach (var (id, from, to, b) in new[] { ("a-" + clock + feed, start, middle, 0), ("b-" + clock + feed, middle + TimeSpan.FromMinutes(2), end, breaches) })
        {
            var session = new PaperSession(id, from, to, "PAPER", clock, feed, "paper", b);
            store.Evidence.Record(PaperSession.EvidenceKind, to, session.ToJson());
        }
    }

    public void PlantKillDrill(TimeSpan ago, bool passed = true, double cancelAllMs = 1_850)
    {
        using var store = StateStore.Open(StatePath);
        var drill = new JsonObject
        {
            ["detect_ms"] = 420, ["alert_ms"] = 421, ["cancel_all_ms"] = cancelAllMs, ["orders_cancelled"] = 3, ["orders_left"] = passed ? 0 : 1, ["passed"] = passed,
        };
        store.Evidence.Record(Trader.Host.Drill.KillDrill.EvidenceKind, Clock.Now - ago, drill.ToJsonString());
    }

    public void PlantEverything()
    {
        SetKeysAndWebhook();
        PlantPaperRehearsal(7.5);
        PlantKillDrill(TimeSpan.FromDays(1));
    }

    public async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(new ProcessClock(TraderClock.Virtual(Clock)), output, error, name => Environment.GetValueOrDefault(name));
        var exit = await TraderCli.RunAsync([.. args, "--config", ConfigDir, "--data-dir", DataDir], context).WaitAsync(TimeSpan.FromSeconds(20));
        return (exit, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        Responder.Dispose();
        _dir.Dispose();
    }
}
