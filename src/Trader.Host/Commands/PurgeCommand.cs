using System.CommandLine;
using System.Globalization;
using Trader.Host.Configuration;
using Trader.Host.Cli;
using Trader.Host.Retention;
using Trader.State.Storage;

namespace Trader.Host.Commands;

/// <summary>
/// <c>trader purge --before YYYY-MM-DD</c> (REQ-RET1, deletion on request): takes the instance lock (exit 3 when a
/// service holds the data directory), then deletes state rows and log files older than the date's 00:00 UTC.
/// A bad date is exit 2. A missing database is not created.
/// </summary>
public static class PurgeCommand
{
    public static Command Create(CliContext context)
    {
        var before = new Option<string>("--before")
        {
            Description = "Delete logs and state rows older than this UTC date (YYYY-MM-DD)",
            Required = true,
        };
        var command = new Command("purge", "Delete logs and state rows older than a date (takes the lock)");
        command.Options.Add(before);
        command.SetAction(parsed =>
        {
            var text = parsed.GetValue(before) ?? "";
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                context.Error.WriteLine($"usage: --before: '{text}' is not a date (YYYY-MM-DD)");
                return ExitCodes.BadInput;
            }
            var args = context.Globals.Read(parsed);
            return Run(context, args, date);
        });
        return command;
    }

    private static int Run(CliContext context, CommonArgs args, DateOnly date)
    {
        if (!context.TryLockDataDir(args.DataDir, out var instanceLock)) return ExitCodes.AnotherInstance;
        using (instanceLock)
        {
            // The config names state.path and logging.dir; it is read after the lock (CONTRACTS.md §1).
            var loaded = ConfigLoader.Load(args.ConfigDir);
            loaded.WriteProblems(context.Error);
            if (loaded.Config is null) return ExitCodes.BadInput;
            var config = loaded.Config.App;
            var cutoff = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var statePath = Path.GetFullPath(Path.Combine(args.DataDir, config.State.Path));
            var logDirectory = Path.GetFullPath(Path.Combine(args.DataDir, config.Logging.Dir));
            try
            {
                using var store = File.Exists(statePath) ? StateStore.Open(statePath) : null;
                var outcome = Purger.Purge(store, logDirectory, cutoff);
                context.Out.WriteLine($"purged data older than {date:yyyy-MM-dd}: {outcome.Summary()}");
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
            {
                context.Error.WriteLine($"purge failed: {e.Message}");
                return ExitCodes.RuntimeFailure;
            }
        }
    }
}
