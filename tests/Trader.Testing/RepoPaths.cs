namespace Trader.Testing;

/// <summary>Locates the repository root and the shared/ folder beside it from a test's working directory.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>../shared beside the repository (spec, samples, market data).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string Samples => Path.Combine(Shared, "coinbase", "samples");

    public static string MarketData => Path.Combine(Shared, "data", "market");

    public static string Config => Path.Combine(Root, "config");

    public static string Data => Path.Combine(Root, "data");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Trader.Streams.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Trader.Streams.sln not found above " + AppContext.BaseDirectory);
    }
}
