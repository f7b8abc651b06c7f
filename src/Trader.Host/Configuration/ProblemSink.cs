namespace Trader.Host.Configuration;

/// <summary>Collects every problem of one load, and remembers which keys had an error so that cross-key checks skip them.</summary>
internal sealed class ProblemSink
{
    private readonly List<ConfigProblem> _problems = [];
    private readonly HashSet<string> _erroneousKeys = new(StringComparer.Ordinal);

    public IReadOnlyList<ConfigProblem> Problems => _problems;

    public bool HasErrors => _problems.Exists(p => p.IsError);

    public void Error(string file, string keyPath, string message, long? line = null)
    {
        _problems.Add(new ConfigProblem(file, keyPath, message, ProblemSeverity.Error, line));
        _erroneousKeys.Add(file + ":" + keyPath);
    }

    public void Warning(string file, string keyPath, string message, long? line = null) =>
        _problems.Add(new ConfigProblem(file, keyPath, message, ProblemSeverity.Warning, line));

    /// <summary>True when the key (or a key under it) already has an error, so a check comparing it would mislead.</summary>
    public bool HasErrorAt(string file, string keyPath)
    {
        foreach (var key in _erroneousKeys)
        {
            if (key.Length >= file.Length + 1 + keyPath.Length
                && key.StartsWith(file + ":" + keyPath, StringComparison.Ordinal)
                && (key.Length == file.Length + 1 + keyPath.Length || key[file.Length + 1 + keyPath.Length] is '.' or '['))
                return true;
        }
        return false;
    }
}
