namespace Trader.ExchangeSim.Auth;

/// <summary>The signature algorithm of an accepted API key: ES256 (ECDSA P-256) or EdDSA (Ed25519).</summary>
public enum AcceptedKeyKind
{
    Es256,
    Ed25519,
}
