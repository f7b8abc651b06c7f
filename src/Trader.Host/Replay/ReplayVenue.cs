namespace Trader.Host.Replay;

/// <summary>Where a PAPER replay's orders go (CONTRACTS.md §2): the in-process paper wallet or the embedded simulator.</summary>
public enum ReplayVenue
{
    Paper,
    Sim,
}
