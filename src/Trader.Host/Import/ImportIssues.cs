namespace Trader.Host.Import;

/// <summary>Bad input lines, counted by reason with the first few examples kept for the report. Never thrown.</summary>
public sealed class ImportIssues
{
    public const int MaxExamples = 10;

    private readonly SortedDictionary<string, long> _byReason = new(StringComparer.Ordinal);
    private readonly List<string> _examples = [];
    private readonly List<string> _notes = [];

    public long BadLines { get; private set; }

    public IReadOnlyDictionary<string, long> ByReason => _byReason;

    public IReadOnlyList<string> Examples => _examples;

    /// <summary>Things worth telling that are not bad lines (e.g. a quote day without its trade file).</summary>
    public IReadOnlyList<string> Notes => _notes;

    public void Bad(string file, long line, string reason, string? detail = null)
    {
        BadLines++;
        _byReason[reason] = _byReason.GetValueOrDefault(reason) + 1;
        if (_examples.Count < MaxExamples)
            _examples.Add($"{Path.GetFileName(file)}:{line}: {reason}{(detail is null ? "" : ": " + detail)}");
    }

    public void Note(string message) => _notes.Add(message);
}
