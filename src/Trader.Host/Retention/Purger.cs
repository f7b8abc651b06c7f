using Trader.Host.Logging;
using Trader.State.Storage;

namespace Trader.Host.Retention;

/// <summary>
/// Deletes everything older than a cutoff (REQ-RET1): state rows through <see cref="State.Retention.StateRetention"/>
/// (never a working order, an open position or an active halt) and our log files whose last write is older.
/// Shared by the daily <see cref="RetentionJob"/> and <c>trader purge</c>.
/// </summary>
public static class Purger
{
    public static RetentionOutcome Purge(StateStore? store, string logDirectory, DateTimeOffset cutoff) =>
        new(cutoff, store?.Retention.PurgeBefore(cutoff), DeleteLogFiles(logDirectory, cutoff));

    /// <summary>Deletes <c>trader*.json</c>/<c>trader*.log</c> files last written before <paramref name="cutoff"/>.</summary>
    public static int DeleteLogFiles(string logDirectory, DateTimeOffset cutoff)
    {
        if (!Directory.Exists(logDirectory)) return 0;
        var deleted = 0;
        foreach (var file in Directory.EnumerateFiles(logDirectory))
        {
            if (!LogFiles.IsLogFile(file)) continue;
            try
            {
                if (File.GetLastWriteTimeUtc(file) >= cutoff.UtcDateTime) continue;
                File.Delete(file);
                deleted++;
            }
            catch (IOException)
            {
                // in use or gone meanwhile: the next run gets it
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return deleted;
    }
}
