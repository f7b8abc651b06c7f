using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NSec.Cryptography;

namespace Trader.ExchangeSim.Auth;

/// <summary>
/// Verifies a CDP JWT the way Coinbase does (wire-format.md §3.1, CONTRACTS.md §10): <c>alg</c> ES256 (raw r||s)
/// or EdDSA, <c>kid</c> an accepted key name, the signature, <c>nbf</c>/<c>exp</c> against the simulator's clock
/// with a small leeway, <c>iss</c> <c>cdp</c> or <c>coinbase-cloud</c>, and for REST a <c>uri</c> claim (or one
/// entry of a <c>uris</c> list) equal to <c>METHOD host/path</c>.
/// </summary>
internal sealed class JwtVerifier
{
    private readonly ConcurrentDictionary<string, AcceptedKey> _keys = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly TimeSpan _leeway;

    public JwtVerifier(IEnumerable<AcceptedKey> keys, TimeProvider clock, TimeSpan leeway)
    {
        foreach (var key in keys) _keys[key.Name] = key;
        _clock = clock;
        _leeway = leeway;
    }

    public void Add(AcceptedKey key) => _keys[key.Name] = key;

    /// <summary>Checks a token. <paramref name="expectedUri"/> is null for WebSocket tokens (no <c>uri</c> claim
    /// needed); otherwise (method, path, accepted hosts).</summary>
    /// <returns>the key name, or null with <paramref name="failure"/> set.</returns>
    public string? Verify(string? token, (string Method, string Path, IReadOnlyCollection<string> Hosts)? expectedUri, out string failure)
    {
        failure = "";
        if (string.IsNullOrEmpty(token)) { failure = "missing token"; return null; }
        var parts = token.Split('.');
        if (parts.Length != 3) { failure = "not a compact JWS"; return null; }
        try
        {
            using var header = JsonDocument.Parse(Base64Url(parts[0]));
            using var payload = JsonDocument.Parse(Base64Url(parts[1]));
            var alg = Str(header.RootElement, "alg");
            var kid = Str(header.RootElement, "kid");
            if (kid is null || !_keys.TryGetValue(kid, out var key)) { failure = "unknown kid"; return null; }
            var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
            var signature = Base64Url(parts[2]);
            var valid = (alg, key.Kind) switch
            {
                ("ES256", AcceptedKeyKind.Es256) => signature.Length == 64
                    && key.Ecdsa!.VerifyData(signed, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
                ("EdDSA", AcceptedKeyKind.Ed25519) => signature.Length == 64
                    && SignatureAlgorithm.Ed25519.Verify(key.Ed25519!, signed, signature),
                _ => false,
            };
            if (!valid) { failure = $"bad signature or alg '{alg}' for a {key.Kind} key"; return null; }

            var claims = payload.RootElement;
            var iss = Str(claims, "iss");
            if (iss is not ("cdp" or "coinbase-cloud")) { failure = $"iss '{iss}'"; return null; }
            var sub = Str(claims, "sub");
            if (sub is not null && sub != kid) { failure = "sub differs from kid"; return null; }
            var now = _clock.GetUtcNow().ToUnixTimeSeconds();
            if (!TryLong(claims, "exp", out var exp)) { failure = "no exp"; return null; }
            if (now >= exp + (long)_leeway.TotalSeconds) { failure = "expired"; return null; }
            if (TryLong(claims, "nbf", out var nbf) && now + (long)_leeway.TotalSeconds < nbf) { failure = "not yet valid"; return null; }
            if (expectedUri is { } expected && !UriMatches(claims, expected)) { failure = "uri does not match the request"; return null; }
            return kid;
        }
        catch (Exception e) when (e is JsonException or FormatException or CryptographicException or ArgumentException)
        {
            failure = "unreadable token";
            return null;
        }
    }

    private static bool UriMatches(JsonElement claims, (string Method, string Path, IReadOnlyCollection<string> Hosts) expected)
    {
        if (claims.TryGetProperty("uri", out var uri) && uri.ValueKind == JsonValueKind.String && OneMatches(uri.GetString()!, expected))
            return true;
        if (claims.TryGetProperty("uris", out var uris) && uris.ValueKind == JsonValueKind.Array)
            foreach (var item in uris.EnumerateArray())
                if (item.ValueKind == JsonValueKind.String && OneMatches(item.GetString()!, expected)) return true;
        return false;
    }

    private static bool OneMatches(string claim, (string Method, string Path, IReadOnlyCollection<string> Hosts) expected)
    {
        var space = claim.IndexOf(' ');
        if (space <= 0) return false;
        if (!string.Equals(claim[..space], expected.Method, StringComparison.Ordinal)) return false;
        var rest = claim[(space + 1)..];
        var slash = rest.IndexOf('/');
        if (slash <= 0) return false;
        var host = rest[..slash];
        var path = rest[slash..];
        return string.Equals(path, expected.Path, StringComparison.Ordinal)
            && expected.Hosts.Contains(host, StringComparer.OrdinalIgnoreCase);
    }

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool TryLong(JsonElement element, string name, out long value)
    {
        value = 0;
        return element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out value);
    }

    private static byte[] Base64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        s = (s.Length % 4) switch { 2 => s + "==", 3 => s + "=", 0 => s, _ => throw new FormatException("bad base64url") };
        return Convert.FromBase64String(s);
    }
}
