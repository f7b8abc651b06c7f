using System.IO.Compression;

namespace Trader.Host.Tests.Import;

/// <summary>Writes small LEAN minute zips (<c>&lt;dir&gt;/&lt;sym&gt;/YYYYMMDD_&lt;kind&gt;.zip</c>) for synthesis tests.</summary>
internal static class LeanFixtures
{
    public static string Write(string root, string symbol, string date, string kind, params string[] rows)
    {
        var folder = Path.Combine(root, symbol);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{date}_{kind}.zip");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        var entry = zip.CreateEntry($"{date}_{symbol}_minute_{kind}.csv");
        using var writer = new StreamWriter(entry.Open());
        foreach (var row in rows) writer.Write(row + "\n");
        return path;
    }
}
