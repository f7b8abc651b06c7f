using Serilog.Events;
using Trader.Domain.Config;
using Trader.Domain.Trading;

namespace Trader.Host.Logging;

/// <summary>
/// Where and how the process logs: compact JSON (or plain text) files under <see cref="Directory"/>, rolled by size,
/// plus a human-readable stream (stderr). <see cref="Properties"/> go on every event (at least <c>mode</c>).
/// </summary>
public sealed record LogOptions
{
    public required string Directory { get; init; }
    public required TradingMode Mode { get; init; }
    public bool Json { get; init; } = true;
    public bool Rotate { get; init; } = true;
    public long MaxBytes { get; init; } = 10_485_760;
    public int BackupCount { get; init; } = 5;
    public LogEventLevel MinimumLevel { get; init; } = LogEventLevel.Information;
    public TextWriter? Console { get; init; }
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    public string FilePath => Path.Combine(Directory, LogFiles.BaseName + (Json ? LogFiles.JsonExtension : LogFiles.TextExtension));

    /// <summary>
    /// From <c>logging.*</c> in app.yaml: the directory resolves against <paramref name="dataDirectory"/>;
    /// <paramref name="level"/> (the CLI's <c>--log-level</c>, when given) overrides <c>logging.level</c>.
    /// </summary>
    public static LogOptions From(LoggingSection logging, string dataDirectory, TradingMode mode, TextWriter? console, string? level = null)
    {
        LogLevels.TryParse(level ?? logging.Level, out var minimum);
        return new LogOptions
        {
            Directory = Path.GetFullPath(Path.Combine(dataDirectory, logging.Dir)),
            Mode = mode,
            Json = !string.Equals(logging.Format, "text", StringComparison.OrdinalIgnoreCase),
            Rotate = logging.Rotate,
            MaxBytes = logging.MaxBytes,
            BackupCount = logging.BackupCount,
            MinimumLevel = minimum,
            Console = console,
        };
    }
}
