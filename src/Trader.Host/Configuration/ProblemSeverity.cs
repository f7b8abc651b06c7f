namespace Trader.Host.Configuration;

/// <summary>Errors stop start-up (exit 2); warnings are printed and the run goes on.</summary>
public enum ProblemSeverity
{
    Error,
    Warning,
}
