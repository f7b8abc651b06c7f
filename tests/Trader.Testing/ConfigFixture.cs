namespace Trader.Testing;

/// <summary>A copy of the shipped config/ in a temp folder, with single lines replaced for a test.</summary>
public static class ConfigFixture
{
    public static string CopyShipped(string destination, params (string File, string Find, string Replace)[] edits)
    {
        var dir = Path.Combine(destination, "config");
        Directory.CreateDirectory(dir);
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Config, "*.yaml"))
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)), overwrite: true);
        foreach (var (file, find, replace) in edits)
        {
            var path = Path.Combine(dir, file);
            var text = File.ReadAllText(path);
            if (!text.Contains(find, StringComparison.Ordinal))
                throw new InvalidOperationException($"{file} has no '{find}' to replace");
            File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));
        }
        return dir;
    }
}
