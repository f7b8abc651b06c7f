using Trader.Domain.Trading;

namespace Trader.Host.Modes;

/// <summary>How a <see cref="TradingMode"/> is spelled in app.yaml (<c>DRY_RUN</c>) and on the command line (<c>dry-run</c>).</summary>
public static class ModeNames
{
    public static string[] ConfigNames { get; } = ["DRY_RUN", "PAPER", "LIVE"];

    public static string[] FlagNames { get; } = ["dry-run", "paper", "live"];

    public static string ToConfig(TradingMode mode) => ConfigNames[(int)mode];

    public static string ToFlag(TradingMode mode) => FlagNames[(int)mode];

    /// <summary>The mode for a config name already checked to be one of <see cref="ConfigNames"/>.</summary>
    public static TradingMode FromConfig(string name) => (TradingMode)Array.IndexOf(ConfigNames, name);

    public static bool TryParseFlag(string? flag, out TradingMode mode)
    {
        var index = Array.IndexOf(FlagNames, flag);
        mode = index < 0 ? TradingMode.DryRun : (TradingMode)index;
        return index >= 0;
    }
}
