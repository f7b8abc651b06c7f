namespace Trader.Coinbase.Parsing;

/// <summary>What became of one frame.</summary>
public enum ParseOutcome : byte
{
    /// <summary>Valid; its events (possibly none) were emitted.</summary>
    Ok,

    /// <summary>Valid JSON on a channel we do not consume (<see cref="ParseReasons.UnknownChannel"/>): counted, not an error.</summary>
    Ignored,

    /// <summary>Bad input: nothing was emitted; <see cref="ParseResult.Reason"/> says why.</summary>
    Rejected,
}
