namespace Trader.Host.Cli;

/// <summary>Process exit codes (CONTRACTS.md §1).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int RuntimeFailure = 1;
    /// <summary>Bad usage, invalid config or input: every problem on stderr, one per line.</summary>
    public const int BadInput = 2;
    /// <summary>Another instance holds the data directory (REQ-SI1).</summary>
    public const int AnotherInstance = 3;
    /// <summary>Refused for safety: LIVE conditions or gates unmet, clock drift, stale secrets.</summary>
    public const int RefusedForSafety = 4;
}
