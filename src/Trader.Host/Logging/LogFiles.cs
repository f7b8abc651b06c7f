namespace Trader.Host.Logging;

/// <summary>
/// The names of our log files: <c>trader.json</c> (or <c>trader.log</c>) and, once rolled by size,
/// <c>trader_001.json</c>, <c>trader_002.json</c>… Retention deletes only files matching these.
/// </summary>
public static class LogFiles
{
    public const string BaseName = "trader";
    public const string JsonExtension = ".json";
    public const string TextExtension = ".log";

    public static bool IsLogFile(string path)
    {
        var name = Path.GetFileName(path);
        return name.StartsWith(BaseName, StringComparison.Ordinal)
               && (name.EndsWith(JsonExtension, StringComparison.Ordinal) || name.EndsWith(TextExtension, StringComparison.Ordinal));
    }
}
