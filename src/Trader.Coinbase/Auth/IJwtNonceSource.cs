namespace Trader.Coinbase.Auth;

/// <summary>Supplies the random hex <c>nonce</c> of each JWT header. Injectable so tests get known tokens.</summary>
public interface IJwtNonceSource
{
    string NextNonce();
}
