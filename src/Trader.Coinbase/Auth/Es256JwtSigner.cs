using System.Security.Cryptography;

namespace Trader.Coinbase.Auth;

/// <summary>
/// ES256: ECDSA over P-256 with SHA-256, signature as the 64-byte IEEE P1363 r||s that JWS requires.
/// Accepts the SEC1 <c>EC PRIVATE KEY</c> PEM Coinbase issues and PKCS#8 <c>PRIVATE KEY</c>.
/// </summary>
internal sealed class Es256JwtSigner : IJwtSigner
{
    private readonly ECDsa _key;

    public Es256JwtSigner(string pem)
    {
        _key = ECDsa.Create();
        try
        {
            // Key files copied out of Coinbase's JSON download often keep the escaped "\n".
            _key.ImportFromPem(pem.Replace("\\n", "\n", StringComparison.Ordinal));
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            _key.Dispose();
            throw new ArgumentException("the ES256 API key is not a readable EC private key PEM (SEC1 or PKCS#8)");
        }
        if (_key.KeySize != 256)
        {
            var size = _key.KeySize;
            _key.Dispose();
            throw new ArgumentException($"the ES256 API key must be on curve P-256, this one has {size} bits");
        }
    }

    public string Algorithm => "ES256";

    public byte[] Sign(ReadOnlySpan<byte> signingInput) =>
        _key.SignData(signingInput, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public void Dispose() => _key.Dispose();
}
