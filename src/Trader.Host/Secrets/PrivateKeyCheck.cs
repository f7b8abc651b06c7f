using System.Security.Cryptography;

namespace Trader.Host.Secrets;

/// <summary>
/// Checks that a private key is one Coinbase issues: an EC P-256 PEM (SEC1 <c>BEGIN EC PRIVATE KEY</c> or PKCS#8
/// <c>BEGIN PRIVATE KEY</c>) for ES256, or base64 Ed25519 (88 characters = 32-byte seed + 32-byte public key, or a
/// 44-character 32-byte seed). Messages describe the problem, never the key or the parser's text.
/// </summary>
public static class PrivateKeyCheck
{
    /// <summary>The key in the form the signer takes (a PEM with real newlines, or trimmed base64).</summary>
    public static string Normalize(string key)
    {
        var text = key.Trim();
        // Coinbase's JSON key file and many .env files write the PEM's newlines as the two characters \n.
        if (text.Contains("-----BEGIN", StringComparison.Ordinal) && !text.Contains('\n') && text.Contains("\\n", StringComparison.Ordinal))
            text = text.Replace("\\n", "\n", StringComparison.Ordinal);
        return text;
    }

    /// <summary>Null when the (normalized) key parses, else what is wrong with it.</summary>
    public static string? Problem(string key)
    {
        if (key.Length == 0)
            return "is empty";
        return key.Contains("-----BEGIN", StringComparison.Ordinal) ? PemProblem(key) : Ed25519Problem(key);
    }

    private static string? PemProblem(string pem)
    {
        if (pem.Contains("PUBLIC KEY-----", StringComparison.Ordinal) && !pem.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
            return "is a public key PEM; the private key is needed";
        if (!pem.Contains("-----BEGIN EC PRIVATE KEY-----", StringComparison.Ordinal) && !pem.Contains("-----BEGIN PRIVATE KEY-----", StringComparison.Ordinal))
            return "is a PEM block but not an EC private key (expected BEGIN EC PRIVATE KEY or BEGIN PRIVATE KEY)";
        try
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(pem);
            var curve = ecdsa.ExportParameters(false).Curve;
            if (curve.Oid.Value != "1.2.840.10045.3.1.7" && curve.Oid.FriendlyName is not ("nistP256" or "ECDSA_P256"))
                return "is an EC key on another curve; Coinbase ES256 keys are P-256";
            return null;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return "is not a valid EC P-256 private key PEM (it does not parse; an Ed25519 key in PEM form is not supported: use its base64 form)";
        }
    }

    private static string? Ed25519Problem(string text)
    {
        var buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, buffer, out var length))
            return "is neither an EC P-256 PEM nor base64 (an Ed25519 key is 88 base64 characters)";
        return length is 64 or 32
            ? null
            : $"is base64 of {length} bytes; an Ed25519 key is 64 bytes (seed + public key, 88 characters) or a 32-byte seed (44 characters)";
    }
}
