namespace Trader.Coinbase.Auth;

/// <summary>Signs a JWT's <c>header.payload</c> bytes with one key kind.</summary>
internal interface IJwtSigner : IDisposable
{
    /// <summary>The JOSE <c>alg</c> value: <c>ES256</c> or <c>EdDSA</c>.</summary>
    string Algorithm { get; }

    byte[] Sign(ReadOnlySpan<byte> signingInput);
}
