using System.Reflection;
using Trader.Testing;

namespace Trader.Host.Tests.Architecture;

/// <summary>The dependency direction of DESIGN.md §2, checked on the compiled assemblies.</summary>
public sealed class DependencyRulesTests
{
    private static readonly string[] Ours =
        ["Trader.Domain", "Trader.Pipeline", "Trader.Coinbase", "Trader.State", "trader", "Trader.ExchangeSim"];

    private static Assembly Load(string name) => Assembly.Load(new AssemblyName(name));

    private static HashSet<string> References(string name) =>
        Load(name).GetReferencedAssemblies().Select(a => a.Name!).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Domain_references_only_the_base_class_library()
    {
        var refs = References("Trader.Domain");
        var foreign = refs.Where(r => r != "netstandard" && !r.StartsWith("System", StringComparison.Ordinal)
                                      && !r.StartsWith("Microsoft.Win32", StringComparison.Ordinal)).ToList();
        Assert.Empty(foreign);
        Assert.DoesNotContain(refs, r => r.StartsWith("System.Reactive", StringComparison.Ordinal));
        Assert.DoesNotContain("System.Threading.Tasks.Dataflow", refs);
    }

    [Theory]
    [InlineData("Trader.Pipeline", new[] { "Trader.Coinbase", "Trader.State", "trader", "Trader.ExchangeSim" })]
    [InlineData("Trader.Coinbase", new[] { "Trader.Pipeline", "Trader.State", "trader", "Trader.ExchangeSim" })]
    [InlineData("Trader.State", new[] { "Trader.Pipeline", "Trader.Coinbase", "trader", "Trader.ExchangeSim" })]
    public void Adapters_and_pipeline_never_reference_each_other(string assembly, string[] forbidden)
    {
        var refs = References(assembly);
        Assert.Empty(refs.Intersect(forbidden));
    }

    [Fact]
    public void The_simulator_speaks_the_wire_format_on_its_own()
    {
        var refs = References("Trader.ExchangeSim");
        Assert.Empty(refs.Intersect(Ours));
    }

    [Fact]
    public void Only_the_composition_root_may_read_the_wall_clock()
    {
        var offenders = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("RS0030", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(RepoPaths.Root, f))
            .Where(f => !f.StartsWith(Path.Combine("src", "Trader.Host", "Composition"), StringComparison.Ordinal))
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void The_wall_clock_ban_covers_the_apis_that_read_time()
    {
        var banned = File.ReadAllText(Path.Combine(RepoPaths.Root, "BannedSymbols.txt"));
        foreach (var api in new[] { "P:System.DateTime.UtcNow", "P:System.DateTimeOffset.UtcNow", "P:System.TimeProvider.System",
                     "M:System.Diagnostics.Stopwatch.GetTimestamp", "M:System.Threading.Tasks.Task.Delay(System.TimeSpan)" }) // realtime-ok: names of banned APIs, no wait
            Assert.Contains(api, banned);
    }
}
