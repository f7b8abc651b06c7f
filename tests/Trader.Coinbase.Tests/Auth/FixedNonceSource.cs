using Trader.Coinbase.Auth;

namespace Trader.Coinbase.Tests.Auth;

public sealed class FixedNonceSource(string nonce) : IJwtNonceSource
{
    public string NextNonce() => nonce;
}
