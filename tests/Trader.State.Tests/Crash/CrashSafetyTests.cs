using System.Diagnostics;
using Trader.Domain.Trading;
using Trader.State.Orders;
using Trader.State.Storage;
using Trader.Testing;

namespace Trader.State.Tests.Crash;

/// <summary>
/// kill -9 a real writer process at random moments, many times, and check after each that the database is sound and
/// no transaction is half there: fills, orders and positions always agree.
/// </summary>
public sealed class CrashSafetyTests
{
    private const int Rounds = 10;

    [Fact]
    [Trait("Req", "NFR-R1")]
    public async Task Killing_the_writer_mid_transaction_never_leaves_a_half_written_order()
    {
        using var dir = new TempDir();
        var db = dir.File("state.db");
        var random = new Random(20250106);
        var writer = Path.Combine(AppContext.BaseDirectory, "Trader.StateCrashWriter.dll");
        Assert.True(File.Exists(writer), writer + " is missing (the test project references the writer project)");
        long totalCommits = 0;

        for (var round = 0; round < Rounds; round++)
        {
            var killAfter = random.Next(1, 40);
            var commits = await RunAndKillAsync(writer, db, seed: round, killAfter);
            Assert.True(commits >= killAfter, $"round {round}: the writer stopped after {commits} commits before it was killed");
            totalCommits += commits;

            using var store = StateStore.Open(db);
            Assert.Equal("ok", store.IntegrityCheck());
            AssertConsistent(store, round);
        }

        using var final = StateStore.Open(db);
        Assert.True(final.Orders.CreatedSince(DateTimeOffset.MinValue).Count >= Rounds);
        Assert.True(totalCommits >= Rounds);
    }

    private static async Task<int> RunAndKillAsync(string writer, string db, int seed, int killAfter)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(writer);
        start.ArgumentList.Add(db);
        start.ArgumentList.Add(seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var commits = 0;
        try
        {
            while (commits < killAfter)
            {
                var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
                if (line is null)
                    Assert.Fail($"the writer exited early ({process.ExitCode}): {await stderr}");
                if (line.StartsWith("committed ", StringComparison.Ordinal)) commits++;
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true); // SIGKILL: no cleanup, no final commit
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        return commits;
    }

    private static void AssertConsistent(StateStore store, int round)
    {
        var orders = store.Orders.CreatedSince(DateTimeOffset.MinValue);
        var net = new Dictionary<string, decimal>();
        var fees = new Dictionary<string, decimal>();
        foreach (var order in orders)
        {
            var fills = store.Fills.ForOrder(order.ClientOrderId);
            var filled = fills.Sum(f => f.Size);
            Assert.True(filled == order.FilledSize, $"round {round}: {order.ClientOrderId} says {order.FilledSize} filled, its fills sum to {filled}");
            Assert.Equal(fills.Sum(f => f.Fee), order.Fees);
            Assert.Equal(fills.Sum(f => f.Price * f.Size), order.FilledValue);
            Assert.Equal(order.Status == OrderStatus.Filled, filled == order.Size);
            if (order.ClientOrderId.StartsWith("w-", StringComparison.Ordinal))
            {
                // Written whole in one transaction: all of it or nothing, never an order without its fills.
                Assert.Equal(OrderStatus.Filled, order.Status);
                Assert.Equal(order.Size, filled);
            }
            var signed = order.Side == OrderSide.Buy ? filled : -filled;
            net[order.ProductId] = net.GetValueOrDefault(order.ProductId) + signed;
            fees[order.ProductId] = fees.GetValueOrDefault(order.ProductId) + fills.Sum(f => f.Fee);
        }
        foreach (var position in store.Positions.All())
        {
            Assert.True(net.GetValueOrDefault(position.ProductId) == position.BaseSize,
                $"round {round}: {position.ProductId} position {position.BaseSize} but fills net to {net.GetValueOrDefault(position.ProductId)}");
            Assert.Equal(fees.GetValueOrDefault(position.ProductId), position.Fees);
            Assert.True(position.BaseSize >= 0m);
        }
        Assert.Equal(net.Keys.Where(k => net[k] != 0m).Order(), store.Positions.Open().Select(p => p.ProductId).Order());
    }
}
