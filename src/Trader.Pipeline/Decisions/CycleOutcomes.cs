namespace Trader.Pipeline.Decisions;

/// <summary>How a cycle ended.</summary>
public static class CycleOutcomes
{
    /// <summary>Decided, journaled and handed to execution (individual journal or port errors are counted in the result).</summary>
    public const string Completed = "completed";

    /// <summary>A stage failed before a decision existed (snapshot or decide threw): nothing was journaled or sent.</summary>
    public const string Failed = "failed";

    /// <summary>The pipeline was already completing (graceful stop): the cycle never entered it.</summary>
    public const string Stopped = "stopped";
}
