using System.Security.Cryptography;

namespace Trader.Coinbase.Auth;

/// <summary>16 bytes from the OS CSPRNG as 32 lower-case hex characters (the length ccxt uses).</summary>
public sealed class CryptoNonceSource : IJwtNonceSource
{
    public static readonly CryptoNonceSource Instance = new();

    public string NextNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
