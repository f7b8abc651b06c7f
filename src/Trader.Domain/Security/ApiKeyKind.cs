namespace Trader.Domain.Security;

/// <summary>The two key kinds Coinbase issues for the Advanced Trade API.</summary>
public enum ApiKeyKind
{
    Es256,
    Ed25519,
}
