using System.Security.Cryptography;
using NSec.Cryptography;

namespace Trader.ExchangeSim.Auth;

/// <summary>
/// A public key the simulator accepts JWTs from, under its key name (the JWT <c>kid</c>, e.g.
/// <c>organizations/{org}/apiKeys/{id}</c>). Holds only public material.
/// </summary>
public sealed class AcceptedKey
{
    private AcceptedKey(string name, ECDsa? ecdsa, PublicKey? ed25519)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("key name is empty", nameof(name));
        Name = name;
        Ecdsa = ecdsa;
        Ed25519 = ed25519;
    }

    public string Name { get; }
    public AcceptedKeyKind Kind => Ecdsa is not null ? AcceptedKeyKind.Es256 : AcceptedKeyKind.Ed25519;
    internal ECDsa? Ecdsa { get; }
    internal PublicKey? Ed25519 { get; }

    /// <summary>An ES256 key from an ECDsa object; only its public parameters are kept.</summary>
    public static AcceptedKey FromEcdsa(string name, ECDsa key)
    {
        var publicOnly = ECDsa.Create(key.ExportParameters(includePrivateParameters: false));
        if (publicOnly.KeySize != 256) throw new ArgumentException($"key '{name}': ES256 needs a P-256 key, got {publicOnly.KeySize} bits");
        return new AcceptedKey(name, publicOnly, null);
    }

    /// <summary>An Ed25519 key from its 32 raw public-key bytes.</summary>
    public static AcceptedKey FromEd25519(string name, ReadOnlySpan<byte> rawPublicKey) =>
        new(name, null, PublicKey.Import(SignatureAlgorithm.Ed25519, rawPublicKey, KeyBlobFormat.RawPublicKey));

    /// <summary>
    /// Reads a key file's text: a PEM public key (<c>BEGIN PUBLIC KEY</c>, P-256 or Ed25519), an EC private key PEM
    /// (its public half is used), or an Ed25519 key as base64 (32 bytes public, or Coinbase's 64-byte secret whose
    /// last 32 bytes are the public key).
    /// </summary>
    /// <exception cref="FormatException">when the text is none of these; the message never quotes key material.</exception>
    public static AcceptedKey Parse(string name, string text)
    {
        text = text.Trim();
        if (text.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            try
            {
                using var ecdsa = ECDsa.Create();
                ecdsa.ImportFromPem(text);
                return FromEcdsa(name, ecdsa);
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException)
            {
                if (PublicKey.TryImport(SignatureAlgorithm.Ed25519, System.Text.Encoding.ASCII.GetBytes(text), KeyBlobFormat.PkixPublicKeyText, out var ed))
                    return new AcceptedKey(name, null, ed);
                throw new FormatException($"key '{name}': PEM is neither a P-256 EC key nor an Ed25519 public key");
            }
        }
        byte[] bytes;
        try { bytes = Convert.FromBase64String(text); }
        catch (FormatException) { throw new FormatException($"key '{name}': neither PEM nor base64"); }
        return bytes.Length switch
        {
            32 => FromEd25519(name, bytes),
            64 => FromEd25519(name, bytes.AsSpan(32)),
            _ => throw new FormatException($"key '{name}': base64 Ed25519 key must be 32 or 64 bytes, got {bytes.Length}"),
        };
    }

    /// <summary>Parses <c>NAME=PUBLIC_KEY_FILE</c> (the <c>--accept-key</c> value). The name may contain '=' only
    /// before the last one, which separates the path.</summary>
    public static AcceptedKey FromSpec(string spec)
    {
        var eq = spec.LastIndexOf('=');
        if (eq <= 0 || eq == spec.Length - 1) throw new FormatException($"--accept-key '{spec}': expected NAME=PUBLIC_KEY_FILE");
        var name = spec[..eq];
        var path = spec[(eq + 1)..];
        if (!File.Exists(path)) throw new FormatException($"--accept-key {name}: file '{path}' not found");
        return Parse(name, File.ReadAllText(path));
    }
}
