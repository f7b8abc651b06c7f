namespace Trader.Domain.Rules;

/// <summary>An entry opens or adds to a long; an exit sells (part of) one.</summary>
public enum ProposalKind
{
    Entry,
    Exit,
}
