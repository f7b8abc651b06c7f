using Serilog.Events;

namespace Trader.Host.Logging;

/// <summary>Maps the config's and the CLI's level names (<c>INFO</c>, <c>warning</c>, <c>trace</c>…) to Serilog levels.</summary>
public static class LogLevels
{
    public static bool TryParse(string? name, out LogEventLevel level)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "trace" or "verbose": level = LogEventLevel.Verbose; return true;
            case "debug": level = LogEventLevel.Debug; return true;
            case "info" or "information": level = LogEventLevel.Information; return true;
            case "warning" or "warn": level = LogEventLevel.Warning; return true;
            case "error": level = LogEventLevel.Error; return true;
            case "critical" or "fatal": level = LogEventLevel.Fatal; return true;
            default: level = LogEventLevel.Information; return false;
        }
    }
}
