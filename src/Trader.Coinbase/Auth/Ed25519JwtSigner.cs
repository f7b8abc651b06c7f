using NSec.Cryptography;

namespace Trader.Coinbase.Auth;

/// <summary>
/// EdDSA over Ed25519 (NSec). Coinbase's secret is 88 base64 characters: the 32-byte seed followed by the
/// 32-byte public key; a bare 32-byte seed is accepted too. When the public half is present it must match
/// the seed, so a corrupted secret fails at start-up instead of producing tokens the venue rejects.
/// </summary>
internal sealed class Ed25519JwtSigner : IJwtSigner
{
    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;
    private readonly Key _key;

    public Ed25519JwtSigner(string base64Secret)
    {
        byte[] raw;
        try
        {
            raw = Convert.FromBase64String(base64Secret.Trim());
        }
        catch (FormatException)
        {
            throw new ArgumentException("the Ed25519 API key is not valid base64");
        }
        if (raw.Length is not (32 or 64))
            throw new ArgumentException($"the Ed25519 API key must decode to 64 bytes (seed + public key) or a 32-byte seed, not {raw.Length}");

        _key = Key.Import(Ed25519, raw.AsSpan(0, 32), KeyBlobFormat.RawPrivateKey);
        if (raw.Length == 64)
        {
            var derived = _key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
            if (!derived.AsSpan().SequenceEqual(raw.AsSpan(32, 32)))
            {
                _key.Dispose();
                throw new ArgumentException("the Ed25519 API key's public half does not match its seed");
            }
        }
        Array.Clear(raw);
    }

    public string Algorithm => "EdDSA";

    public byte[] Sign(ReadOnlySpan<byte> signingInput) => Ed25519.Sign(_key, signingInput);

    public void Dispose() => _key.Dispose();
}
