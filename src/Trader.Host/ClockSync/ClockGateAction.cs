namespace Trader.Host.ClockSync;

/// <summary>What an out-of-sync clock does to a run (CONTRACTS.md §2, REQ-TIME1).</summary>
public enum ClockGateAction
{
    /// <summary>Replay, backtest, demo and simulator runs: no check.</summary>
    Exempt,

    /// <summary>PAPER and DRY_RUN: a <c>clock_drift</c> warning; the run goes on.</summary>
    Warn,

    /// <summary>LIVE against Coinbase: refuse to start (exit 4), or halt with a critical <c>clock_drift</c> alert.</summary>
    Enforce,
}
