using Trader.Host.Configuration;
using Trader.Testing;

namespace Trader.Host.Tests.Configuration;

/// <summary>A configuration directory for a test: the shipped config/ copied, or four files written by the test.</summary>
internal sealed class ConfigSet : IDisposable
{
    private readonly TempDir _dir = new("trader-config-");

    private ConfigSet() { }

    public string Path => _dir.Path;

    /// <summary>A copy of the repository's shipped config/.</summary>
    public static ConfigSet Shipped()
    {
        var set = new ConfigSet();
        foreach (var file in ConfigFiles.All)
            File.Copy(System.IO.Path.Combine(RepoPaths.Config, file), set._dir.File(file));
        return set;
    }

    /// <summary>Four files holding only what the test gives (every other key takes its default).</summary>
    public static ConfigSet With(string app = "", string policy = "", string universe = "", string signals = "")
    {
        var set = new ConfigSet();
        set.Write(ConfigFiles.App, app);
        set.Write(ConfigFiles.Policy, policy);
        set.Write(ConfigFiles.Universe, universe);
        set.Write(ConfigFiles.Signals, signals);
        return set;
    }

    public ConfigSet Write(string file, string yaml)
    {
        File.WriteAllText(_dir.File(file), yaml);
        return this;
    }

    /// <summary>Replaces text in one of the files; the text must be there (so a test never silently edits nothing).</summary>
    public ConfigSet Replace(string file, string oldText, string newText)
    {
        var text = File.ReadAllText(_dir.File(file));
        Assert.Contains(oldText, text);
        File.WriteAllText(_dir.File(file), text.Replace(oldText, newText, StringComparison.Ordinal));
        return this;
    }

    public ConfigSet Delete(string file)
    {
        File.Delete(_dir.File(file));
        return this;
    }

    public ConfigLoadResult Load() => ConfigLoader.Load(Path);

    public void Dispose() => _dir.Dispose();
}
