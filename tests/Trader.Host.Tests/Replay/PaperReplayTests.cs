using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Trader.Testing;

namespace Trader.Host.Tests.Replay;

/// <summary>
/// <c>trader replay --mode paper</c> in-process on the shipped one-hour capture. The shipped thresholds see no move in
/// that hour, so the config copy lowers the chop regime's 15-minute move to 0.3 % (the 60-minute one to 0.6 %): the
/// decisions then propose, risk approves and the order manager places orders that fill. The report's orders and fills
/// are checked against the run's own state database (docs/REPLAY.md "PAPER replay").
/// </summary>
public sealed class PaperReplayTests : IDisposable
{
    private readonly TempDir _dir = new("paper-replay-");

    public void Dispose() => _dir.Dispose();

    private static string ShippedCapture => Path.Combine(RepoPaths.Data, "captures", "lean-btc-eth-20180404-1h.capture.gz");

    private string LowThresholdConfig() => ConfigFixture.CopyShipped(_dir.Path,
        ("signals.yaml", "chop: { pct_change_15m: 1.2, pct_change_60m: 2.5", "chop: { pct_change_15m: 0.3, pct_change_60m: 0.6"));

    [Theory]
    [InlineData("paper")]
    [InlineData("sim")]
    [Trait("Req", "REQ-X2")]
    public async Task A_paper_replay_places_orders_whose_fills_fees_and_pnl_reach_the_report_to_the_cent(string venue)
    {
        var config = LowThresholdConfig();
        var dataDir = _dir.File("var-" + venue);

        var run = await ReplayRun.RunWithConfigAsync(config, dataDir, ShippedCapture, "--mode", "paper", "--venue", venue);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains($"PAPER on venue {venue}", run.Out);
        var root = run.Root;
        var orders = root.GetProperty("orders").EnumerateArray().ToList();
        Assert.True(root.GetProperty("orders_placed").GetInt64() > 0);
        Assert.True(root.GetProperty("fills").GetInt64() > 0);
        Assert.Equal(orders.Count(o => o.GetProperty("status").GetString() != "rejected"), root.GetProperty("orders_placed").GetInt64());

        // The run's own state (recreated under <data-dir>/replay-paper/) is the independent record of every fill.
        var fills = StateFills.Read(Path.Combine(dataDir, "replay-paper", "state.db"));
        Assert.Equal(fills.Count, root.GetProperty("fills").GetInt64());
        var fees = fills.Sum(f => f.Fee);
        Assert.True(fees > 0m);
        Assert.Equal(fees, StateFills.Money(root, "fees"));
        Assert.Equal(Math.Round(StateFills.AverageCostRealized(fills) - fees, 2), Math.Round(StateFills.Money(root, "realized_pnl"), 2));

        // Every fill belongs to a listed order of the same product and side, and a filled order's fills add up to its size.
        var byId = orders.ToDictionary(o => o.GetProperty("client_order_id").GetString()!);
        foreach (var group in fills.GroupBy(f => f.ClientOrderId))
        {
            var order = byId[group.Key];
            Assert.All(group, f => Assert.Equal(order.GetProperty("product_id").GetString(), f.ProductId));
            Assert.All(group, f => Assert.Equal(order.GetProperty("side").GetString(), f.Side));
            if (order.GetProperty("status").GetString() == "filled")
                Assert.Equal(StateFills.Money(order, "size"), group.Sum(f => f.Size));
        }
        Assert.All(orders.Where(o => o.GetProperty("status").GetString() == "filled"),
            o => Assert.Contains(fills, f => f.ClientOrderId == o.GetProperty("client_order_id").GetString()));
    }

    [Theory]
    [InlineData("paper")]
    [InlineData("sim")]
    public async Task The_same_paper_replay_twice_gives_the_same_orders_fills_and_digest(string venue)
    {
        var config = LowThresholdConfig();
        var dataDir = _dir.File("var-" + venue);

        var first = await ReplayRun.RunWithConfigAsync(config, dataDir, ShippedCapture, "--mode", "paper", "--venue", venue);
        var second = await ReplayRun.RunWithConfigAsync(config, dataDir, ShippedCapture, "--mode", "paper", "--venue", venue);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.True(first.Root.GetProperty("fills").GetInt64() > 0);
        Assert.Equal(first.Root.GetProperty("orders").GetRawText(), second.Root.GetProperty("orders").GetRawText());
        Assert.Equal(first.Digest, second.Digest);
    }

    [Fact]
    public async Task A_paper_replay_leaves_the_configured_state_database_alone()
    {
        var config = LowThresholdConfig();
        var dataDir = _dir.File("var");

        var run = await ReplayRun.RunWithConfigAsync(config, dataDir, ShippedCapture, "--mode", "paper");

        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(Path.Combine(dataDir, "replay-paper", "state.db")));
        Assert.False(File.Exists(Path.Combine(dataDir, "state.db")));
    }
}
