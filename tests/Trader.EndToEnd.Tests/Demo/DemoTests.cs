using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Trader.Host.Locking;
using Trader.Testing;

namespace Trader.EndToEnd.Tests.Demo;

/// <summary>
/// <c>trader demo</c> as a user runs it: the real <c>trader</c> process, PAPER against the embedded simulator over
/// real sockets with a throwaway key, the shipped config. The full two-day demo runs once; determinism is checked on
/// the one-hour capture (with the chop regime's 15-minute move lowered to 0.3 % so that hour trades).
/// </summary>
public sealed class DemoTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(4); // a loaded CI machine; the demo itself is < 1 min

    private readonly TempDir _dir = new("demo-");

    public void Dispose() => _dir.Dispose();

    private static string TwoDayCapture => Path.Combine(RepoPaths.Data, "captures", "lean-btc-eth-ltc-20180404-05.capture.gz");

    private static string OneHourCapture => Path.Combine(RepoPaths.Data, "captures", "lean-btc-eth-20180404-1h.capture.gz");

    [Fact]
    [Trait("Req", "REQ-X2")]
    public void The_demo_trades_the_shipped_two_days_and_its_report_agrees_with_its_fills_to_the_cent()
    {
        var dataDir = _dir.File("var");

        using var demo = TraderProcess.Start(["--config", RepoPaths.Config, "--data-dir", dataDir, "demo", "--capture", TwoDayCapture]);

        Assert.True(demo.WaitForExit(Bound), "demo did not finish: " + demo.Output);
        Assert.True(demo.ExitCode == 0, demo.Output);
        foreach (var row in new[] { "trader demo", "orders", "fills", "fees", "realized PnL", "open positions", "max drawdown", "top rejections", "alerts", "digest" })
            Assert.Contains(row, demo.Output);
        Assert.Contains("SIMULATOR", demo.Output);
        Assert.DoesNotContain("[#", demo.Output); // stderr is not a terminal: no progress bar
        // Fills came back on the simulator's user channel (CONTRACTS.md §3), not only from polling.
        var userChannel = System.Text.RegularExpressions.Regex.Match(demo.Output, @"user channel: ([\d,]+) order updates, (\d+) cycles read over REST instead");
        Assert.True(userChannel.Success, demo.Output);
        Assert.True(long.Parse(userChannel.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) > 0, demo.Output);

        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(dataDir, "demo-report.json")));
        var root = report.RootElement;
        Assert.True(root.GetProperty("orders_placed").GetInt64() > 0);
        Assert.True(root.GetProperty("fills").GetInt64() > 0);
        var fees = StateFills.Money(root, "fees");
        Assert.True(fees > 0m);

        var fills = StateFills.Read(Path.Combine(dataDir, "demo", "state.db"));
        Assert.Equal(fills.Count, root.GetProperty("fills").GetInt64());
        Assert.Equal(fills.Sum(f => f.Fee), fees);
        Assert.Equal(Math.Round(StateFills.AverageCostRealized(fills) - fees, 2), Math.Round(StateFills.Money(root, "realized_pnl"), 2));
        var orders = root.GetProperty("orders").EnumerateArray().ToDictionary(o => o.GetProperty("client_order_id").GetString()!);
        foreach (var group in fills.GroupBy(f => f.ClientOrderId))
        {
            var order = orders[group.Key];
            Assert.Equal(order.GetProperty("side").GetString(), group.First().Side);
            Assert.True(group.Sum(f => f.Size) <= StateFills.Money(order, "size"));
            if (order.GetProperty("status").GetString() == "filled") Assert.Equal(StateFills.Money(order, "size"), group.Sum(f => f.Size));
        }
        Assert.All(orders.Values.Where(o => o.GetProperty("status").GetString() == "filled"),
            o => Assert.Contains(fills, f => f.ClientOrderId == o.GetProperty("client_order_id").GetString()));
    }

    [Fact]
    public void The_demo_twice_gives_the_same_orders_fills_and_digest()
    {
        var config = ConfigFixture.CopyShipped(_dir.Path,
            ("signals.yaml", "chop: { pct_change_15m: 1.2, pct_change_60m: 2.5", "chop: { pct_change_15m: 0.3, pct_change_60m: 0.6"));
        var dataDir = _dir.File("var");
        var reports = new List<string>();
        for (var run = 0; run < 2; run++)
        {
            var reportPath = _dir.File($"report-{run}.json");
            using var demo = TraderProcess.Start(["--config", config, "--data-dir", dataDir, "demo", "--capture", OneHourCapture, "--report", reportPath]);
            Assert.True(demo.WaitForExit(Bound), "demo did not finish: " + demo.Output);
            Assert.True(demo.ExitCode == 0, demo.Output);
            reports.Add(File.ReadAllText(reportPath));
        }

        using var first = JsonDocument.Parse(reports[0]);
        using var second = JsonDocument.Parse(reports[1]);
        Assert.True(first.RootElement.GetProperty("fills").GetInt64() > 0);
        Assert.Equal(first.RootElement.GetProperty("orders").GetRawText(), second.RootElement.GetProperty("orders").GetRawText());
        Assert.Equal(first.RootElement.GetProperty("digest").GetString(), second.RootElement.GetProperty("digest").GetString());
    }

    [Fact]
    [Trait("Req", "REQ-SI1")]
    public void The_demo_takes_the_lock_and_exits_3_when_another_instance_holds_it()
    {
        var dataDir = _dir.File("var");
        Assert.True(InstanceLock.TryAcquire(dataDir, VirtualTime.Create().TimeProvider, out var held, out _));
        using (held)
        {
            using var demo = TraderProcess.Start(["--config", RepoPaths.Config, "--data-dir", dataDir, "demo", "--capture", OneHourCapture]);
            Assert.True(demo.WaitForExit(Bound), demo.Output);
            Assert.Equal(3, demo.ExitCode);
            Assert.False(File.Exists(Path.Combine(dataDir, "demo-report.json")));
        }
    }
}
