using System.CommandLine;

namespace Trader.Host.Cli;

/// <summary>The options every command takes (CONTRACTS.md §1).</summary>
public sealed class GlobalOptions
{
    public Option<string> ConfigDir { get; } = new("--config")
    {
        Description = "Directory holding app.yaml, policy.yaml, universe.yaml and signals.yaml",
        DefaultValueFactory = _ => "./config",
        Recursive = true,
    };

    public Option<string> DataDir { get; } = new("--data-dir")
    {
        Description = "Directory for the state DB, logs, lock, kill file and reports",
        DefaultValueFactory = _ => "./var",
        Recursive = true,
    };

    public Option<string> LogLevel { get; } = new("--log-level")
    {
        Description = "trace|debug|info|warning|error",
        DefaultValueFactory = _ => "info",
        Recursive = true,
    };

    public GlobalOptions()
    {
        LogLevel.AcceptOnlyFromAmong("trace", "debug", "info", "warning", "error");
    }

    public void AddTo(Command root)
    {
        root.Options.Add(ConfigDir);
        root.Options.Add(DataDir);
        root.Options.Add(LogLevel);
    }

    public CommonArgs Read(ParseResult result) => new(
        Path.GetFullPath(result.GetValue(ConfigDir)!),
        Path.GetFullPath(result.GetValue(DataDir)!),
        result.GetValue(LogLevel)!);
}
