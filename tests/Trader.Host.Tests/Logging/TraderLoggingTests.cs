using System.Text.Json;
using Trader.Domain.Config;
using Trader.Domain.Trading;
using Trader.Host.Logging;
using Trader.Testing;

namespace Trader.Host.Tests.Logging;

public sealed class TraderLoggingTests
{
    [Fact]
    [Trait("Req", "NFR-O1")]
    public void Events_are_compact_json_stamped_by_the_injected_clock_with_mode_cycle_and_product()
    {
        using var dir = new TempDir();
        var clock = VirtualTime.Create();
        var console = new StringWriter();
        var options = LogOptions.From(new LoggingSection(), dir.Path, TradingMode.Paper, console);

        using (var logger = TraderLogging.Create(options, new SecretRedactor(), clock.TimeProvider))
        {
            logger.Information("started");
            clock.AdvanceBy(TimeSpan.FromMinutes(5));
            using (LogScope.Cycle(17))
            using (LogScope.Product("ETH-USD"))
                logger.Warning("rejected {Reason}", "theme_cap");
            logger.Debug("below the configured INFO level");
        }

        Assert.Equal(Path.Combine(dir.Path, "logs", "trader.json"), options.FilePath);
        var lines = File.ReadAllLines(options.FilePath).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(2, lines.Length);
        Assert.Equal("2025-01-06T12:00:00.0000000Z", lines[0].GetProperty("@t").GetString());
        Assert.Equal("2025-01-06T12:05:00.0000000Z", lines[1].GetProperty("@t").GetString());
        Assert.Equal("PAPER", lines[0].GetProperty("mode").GetString());
        Assert.False(lines[0].TryGetProperty("cycle_id", out _));
        Assert.Equal(17, lines[1].GetProperty("cycle_id").GetInt64());
        Assert.Equal("ETH-USD", lines[1].GetProperty("product_id").GetString());
        Assert.Equal("Warning", lines[1].GetProperty("@l").GetString());
        Assert.Equal("theme_cap", lines[1].GetProperty("Reason").GetString());
        Assert.Contains("2025-01-06T12:05:00.000+00:00 WRN rejected theme_cap", console.ToString());
        Assert.Contains("ETH-USD", console.ToString().Split('\n')[1]);
    }

    [Fact]
    [Trait("Req", "NFR-O1")]
    public void Files_roll_by_size_and_keep_only_backup_count_old_ones()
    {
        using var dir = new TempDir();
        var options = new LogOptions { Directory = dir.Path, Mode = TradingMode.DryRun, MaxBytes = 2048, BackupCount = 2 };

        using (var logger = TraderLogging.Create(options, new SecretRedactor(), VirtualTime.Create().TimeProvider))
        {
            for (var i = 0; i < 200; i++)
                logger.Information("event {Index} with some padding to fill the file quickly", i);
        }

        var files = Directory.GetFiles(dir.Path).Order().ToArray();
        Assert.Equal(3, files.Length); // the live file and two backups
        Assert.All(files, f => Assert.True(new FileInfo(f).Length <= 2048 + 512, f));
        Assert.All(files, f => Assert.True(LogFiles.IsLogFile(f), f));
        Assert.Contains("\"Index\":199", File.ReadAllText(files[^1]));
    }

    [Fact]
    public void Level_names_from_config_and_cli_map_to_serilog_levels()
    {
        Assert.True(LogLevels.TryParse("INFO", out var info));
        Assert.Equal(Serilog.Events.LogEventLevel.Information, info);
        Assert.True(LogLevels.TryParse("trace", out var trace));
        Assert.Equal(Serilog.Events.LogEventLevel.Verbose, trace);
        Assert.False(LogLevels.TryParse("chatty", out _));
        var options = LogOptions.From(new LoggingSection { Level = "INFO", Dir = "l" }, "/data", TradingMode.Live, null, level: "warning");
        Assert.Equal(Serilog.Events.LogEventLevel.Warning, options.MinimumLevel);
        Assert.Equal("/data/l", options.Directory);
    }
}
