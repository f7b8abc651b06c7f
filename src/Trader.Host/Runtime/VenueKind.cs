namespace Trader.Host.Runtime;

/// <summary>The venues of CONTRACTS.md §2.</summary>
public enum VenueKind
{
    None,
    Paper,
    EmbeddedSimulator,
    ExternalSimulator,
    Coinbase,
}
