namespace Trader.Host.Configuration;

/// <summary>
/// One problem in the configuration set, printed as one line <c>file: key.path: message</c> (CONTRACTS.md §1).
/// Warnings print as <c>file: key.path: warning: message</c>. The message never contains a secret value.
/// </summary>
public sealed record ConfigProblem(string File, string KeyPath, string Message, ProblemSeverity Severity = ProblemSeverity.Error, long? Line = null)
{
    public bool IsError => Severity == ProblemSeverity.Error;

    public override string ToString()
    {
        var where = KeyPath.Length == 0 ? File : $"{File}: {KeyPath}";
        var kind = IsError ? "" : "warning: ";
        var line = Line is null ? "" : $" (line {Line})";
        return $"{where}: {kind}{Message}{line}";
    }
}
