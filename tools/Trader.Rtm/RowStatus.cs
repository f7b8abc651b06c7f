namespace Trader.Rtm;

public enum RowStatus
{
    /// <summary>At least one tagged test ran and every run of a tagged test passed.</summary>
    Proven,
    /// <summary>A tagged test failed.</summary>
    Failing,
    /// <summary>Tagged tests exist but none ran in the last results.</summary>
    NotRun,
    /// <summary>No test carries the id yet.</summary>
    NoTest,
}
