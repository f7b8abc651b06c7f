namespace Trader.Host.Execution;

/// <summary>What looking an order up proved.</summary>
public enum VenueLookupKind
{
    Found,

    /// <summary>The venue answered and has no such order.</summary>
    NotFound,

    /// <summary>The venue could not be asked: nothing is known, nothing may be concluded.</summary>
    Unavailable,
}
