using Serilog;
using Serilog.Core;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;
using Trader.Domain.Trading;

namespace Trader.Host.Logging;

/// <summary>
/// Builds the process logger (NFR-O1): rolling compact-JSON files plus a human-readable stream, every event stamped by
/// the process clock and passed through <see cref="RedactingSink"/> before it reaches ANY sink. This is the only place
/// sinks are added, so there is no path around the redaction.
/// </summary>
public static class TraderLogging
{
    public const string ConsoleTemplate =
        "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffzzz} {Level:u3} {Message:lj} {Properties:j}{NewLine}{Exception}";

    public static Logger Create(LogOptions options, SecretRedactor redactor, TimeProvider time)
    {
        Directory.CreateDirectory(options.Directory);
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(options.MinimumLevel)
            .Enrich.FromLogContext()
            .Enrich.WithProperty(LogScope.Mode, ModeName(options.Mode));
        foreach (var (name, value) in options.Properties)
            configuration = configuration.Enrich.WithProperty(name, value);

        ITextFormatter fileFormatter = options.Json
            ? new CompactJsonFormatter()
            : new MessageTemplateTextFormatter(ConsoleTemplate, System.Globalization.CultureInfo.InvariantCulture);

        var redactedSinks = Serilog.Configuration.LoggerSinkConfiguration.Wrap(
                inner => new ClockTimestampSink(new RedactingSink(inner, redactor), time),
                sinks =>
                {
                    sinks.File(
                        fileFormatter,
                        options.FilePath,
                        fileSizeLimitBytes: options.Rotate ? options.MaxBytes : null,
                        rollOnFileSizeLimit: options.Rotate,
                        retainedFileCountLimit: options.Rotate ? options.BackupCount + 1 : null,
                        rollingInterval: RollingInterval.Infinite,
                        buffered: false);
                    if (options.Console is not null)
                        sinks.Sink(new TextWriterSink(options.Console,
                            new MessageTemplateTextFormatter(ConsoleTemplate, System.Globalization.CultureInfo.InvariantCulture)));
                });
        return configuration.WriteTo.Sink(redactedSinks).CreateLogger();
    }

    /// <summary>The spec's names for the modes: DRY_RUN, PAPER, LIVE.</summary>
    public static string ModeName(TradingMode mode) => mode switch
    {
        TradingMode.DryRun => "DRY_RUN",
        TradingMode.Paper => "PAPER",
        TradingMode.Live => "LIVE",
        _ => mode.ToString().ToUpperInvariant(),
    };
}
