using Trader.Domain.Config;
using Trader.Host.Secrets;

namespace Trader.Host.Configuration;

/// <summary>
/// Loads and validates the whole configuration set (REQ-C1): the four YAML files of a directory, bound to the
/// immutable records of Trader.Domain.Config. Every problem of every file is collected in one run; the config is
/// returned only when there is no error. Every command calls this first.
/// </summary>
public static class ConfigLoader
{
    public static ConfigLoadResult Load(string configDir)
    {
        var sink = new ProblemSink();
        var directory = Path.GetFullPath(configDir);
        if (!Directory.Exists(directory))
        {
            sink.Error(Path.GetFileName(directory.TrimEnd(Path.DirectorySeparatorChar)), "", $"config directory not found: {directory}");
            return new ConfigLoadResult(null, sink.Problems);
        }

        var roots = new Dictionary<string, YamlSection>();
        foreach (var file in ConfigFiles.All)
        {
            var readable = YamlFileReader.TryRead(directory, file, sink, out var node);
            if (readable && node is not null)
                ConfigSecretScanner.Scan(file, node, sink);
            // An unreadable file still binds from defaults so the other files' problems are all reported.
            roots[file] = YamlSection.Root(file, sink, readable ? node : null);
        }

        var app = AppConfigBinder.Bind(roots[ConfigFiles.App]);
        var policy = PolicyConfigBinder.Bind(roots[ConfigFiles.Policy]);
        var universe = UniverseConfigBinder.Bind(roots[ConfigFiles.Universe], policy.Liquidity);
        var signals = SignalsConfigBinder.Bind(roots[ConfigFiles.Signals]);
        foreach (var root in roots.Values)
            root.Finish();

        var config = new TraderConfig { App = app, Policy = policy, Universe = universe, Signals = signals };
        CrossKeyChecks.Run(config, sink);
        // By file, then by line; problems without a line (whole-file, cross-key) after those with one, in the order found.
        var ordered = sink.Problems.OrderBy(p => FileOrder(p.File)).ThenBy(p => p.Line ?? long.MaxValue).ToList();
        return new ConfigLoadResult(sink.HasErrors ? null : config, ordered);
    }

    private static int FileOrder(string file)
    {
        var index = ConfigFiles.All.ToList().IndexOf(file);
        return index < 0 ? -1 : index;
    }
}
