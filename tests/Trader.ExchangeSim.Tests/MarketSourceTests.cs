using System.IO.Compression;
using System.Text.Json.Nodes;
using Trader.ExchangeSim.Market;
using Trader.ExchangeSim.Tests.Support;
using Trader.Testing;

namespace Trader.ExchangeSim.Tests;

/// <summary>The book comes from a capture paced on the clock, or from a seeded random walk.</summary>
public sealed class MarketSourceTests
{
    private const string P = SimHarness.Prefix;

    [Theory]
    [InlineData("capture.txt")]
    [InlineData("capture.txt.gz")]
    public async Task A_capture_is_replayed_at_its_receive_times_and_bad_lines_are_counted(string name)
    {
        using var dir = new TempDir();
        var path = dir.File(name);
        const long t0 = 1_790_000_000_000;
        var lines = new[]
        {
            "# recorded by a test",
            $"{t0}\t{SimHarness.L2("BTC-USD", "snapshot", [("bid", "70000", "1"), ("offer", "70001", "1")])}",
            "not a line",
            $"{t0 + 100}\t{{\"channel\":\"l2_data\",\"events\":[{{\"type\":\"update\",\"product_id\":\"BTC-USD\",\"updates\":[{{\"side\":\"bid\",\"price_level\":\"x\",\"new_quantity\":\"1\"}}]}}]}}",
            $"{t0 + 2000}\t{SimHarness.L2("SOL-USD", "snapshot", [("bid", "150", "10"), ("offer", "150.01", "10")])}",
            $"{t0 + 3000}\t{SimHarness.Trades("BTC-USD", "77", "70001", "0.5", "SELL")}",
        };
        await using (var file = File.Create(path))
        await using (Stream stream = name.EndsWith(".gz") ? new GZipStream(file, CompressionLevel.Fastest) : file)
        await using (var writer = new StreamWriter(stream))
            foreach (var line in lines) await writer.WriteLineAsync(line);

        await using var sim = await SimHarness.StartAsync(o => o with { Market = MarketSource.Capture(path) }, seedBook: false);
        await Poll.UntilAsync(() => sim.Sim.RejectedFrames == 1, "the first frames");
        var book = await sim.GetJsonAsync($"{P}/market/product_book?product_id=BTC-USD");
        Assert.Equal("70000", book["pricebook"]!["bids"]![0]!["price"]!.GetValue<string>());
        Assert.False(sim.Sim.CaptureCompletion.IsCompleted);       // the rest is due later on the clock

        sim.Clock.AdvanceBy(TimeSpan.FromSeconds(3));
        await sim.Sim.CaptureCompletion.WaitAsync(TimeSpan.FromSeconds(10));
        var products = (await sim.GetJsonAsync($"{P}/market/products"))["products"]!.AsArray().Select(p => p!["product_id"]!.GetValue<string>()).ToArray();
        Assert.Contains("SOL-USD", products);
        Assert.Equal(2, sim.Sim.RejectedFrames);                   // "not a line" and the bad price                       // a product first seen in the capture is listed
        Assert.Equal("70001", (await sim.GetJsonAsync($"{P}/market/products/BTC-USD"))["price"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_random_walk_is_reproducible_from_its_seed_and_moves_on_the_clock()
    {
        async Task<string[]> Run(int seed)
        {
            await using var sim = await SimHarness.StartAsync(o => o with { Market = MarketSource.RandomWalk(seed) }, seedBook: false);
            var seen = new List<string>();
            for (var i = 0; i < 3; i++)
            {
                var book = await sim.GetJsonAsync($"{P}/market/product_book?product_id=BTC-USD&limit=1");
                seen.Add(book["pricebook"]!["bids"]![0]!["price"]!.GetValue<string>() + "/" + book["pricebook"]!["asks"]![0]!["price"]!.GetValue<string>());
                sim.Clock.AdvanceBy(TimeSpan.FromSeconds(1));
            }
            var eth = await sim.GetJsonAsync($"{P}/market/product_book?product_id=ETH-USD&limit=1");
            Assert.InRange(decimal.Parse(eth["pricebook"]!["bids"]![0]!["price"]!.GetValue<string>()), 2000m, 5000m);
            return seen.ToArray();
        }
        var first = await Run(7);
        Assert.Equal(first, await Run(7));
        Assert.NotEqual(first, await Run(8));
        Assert.True(first.Distinct().Count() > 1, string.Join(" ", first));
        Assert.All(first, quote => Assert.InRange(decimal.Parse(quote.Split('/')[0]), 50000m, 80000m));
    }

    [Fact]
    public void The_simulator_references_none_of_the_products_assemblies()
    {
        var references = typeof(ExchangeSimulator).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToArray();
        Assert.DoesNotContain(references, name => name!.StartsWith("Trader.", StringComparison.Ordinal));
    }
}
