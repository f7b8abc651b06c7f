namespace Trader.Host.Configuration;

/// <summary>The four files of a configuration directory, in the order they are loaded and reported.</summary>
public static class ConfigFiles
{
    public const string App = "app.yaml";
    public const string Policy = "policy.yaml";
    public const string Universe = "universe.yaml";
    public const string Signals = "signals.yaml";

    public static IReadOnlyList<string> All { get; } = [App, Policy, Universe, Signals];
}
