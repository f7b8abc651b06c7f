using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Trader.Host.Tests.Logging;

/// <summary>
/// Freshly generated secrets of every kind a log could leak, and a scanner that finds any 16-character fragment of
/// them in raw sink output or in the JSON-decoded strings of that output (so escaping cannot hide a leak).
/// </summary>
internal sealed class PlantedSecrets
{
    private const int FragmentLength = 16;

    public PlantedSecrets(int seed)
    {
        var random = new Random(seed);
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        EcPem = ec.ExportECPrivateKeyPem();
        var ed = new byte[64];
        random.NextBytes(ed);
        Ed25519 = Convert.ToBase64String(ed);
        KeyId = new Guid(Bytes(random, 16)).ToString();
        KeyName = $"organizations/{new Guid(Bytes(random, 16))}/apiKeys/{KeyId}";
        Jwt = string.Join('.',
            Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "ES256", kid = KeyName, nonce = Convert.ToHexString(Bytes(random, 16)) })),
            Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { sub = KeyName, iss = "cdp", uri = "GET api.coinbase.com/api/v3/brokerage/accounts" })),
            Base64Url(Bytes(random, 64)));
        OpaqueToken = "tok_" + Convert.ToHexString(Bytes(random, 24)).ToLowerInvariant() + "Zq9";
        AuthorizationHeader = "Authorization: Bearer " + Jwt;
    }

    public string EcPem { get; }
    public string Ed25519 { get; }
    public string KeyId { get; }
    public string KeyName { get; }
    public string Jwt { get; }
    public string OpaqueToken { get; }
    public string AuthorizationHeader { get; }

    public IEnumerable<(string Name, string Value)> All =>
    [
        ("ec_pem", EcPem), ("ed25519", Ed25519), ("key_id", KeyId), ("jwt", Jwt), ("bearer_token", OpaqueToken),
    ];

    /// <summary>
    /// What the test plants in every path: each secret bare, except the opaque bearer token, which (having no shape of its
    /// own) a log can only betray beside "Bearer" or under a credential-like name, and is planted that way.
    /// </summary>
    public IEnumerable<(string Name, string Value)> Planted =>
    [
        ("ec_pem", EcPem), ("ed25519", Ed25519), ("key_id", KeyId), ("jwt", Jwt), ("authorization", AuthorizationHeader),
        ("bearer_header", "Authorization: Bearer " + OpaqueToken), ("bearer", "Bearer " + OpaqueToken),
    ];

    /// <summary>Every leaked fragment found in <paramref name="output"/>, as "secret: fragment".</summary>
    public IReadOnlyList<string> Scan(string output)
    {
        var haystacks = new[] { output, DecodeJsonStrings(output) };
        var leaks = new List<string>();
        foreach (var (name, value) in All)
        {
            foreach (var fragment in Fragments(value))
            {
                var hit = haystacks.Select(h => h.IndexOf(fragment, StringComparison.Ordinal)).FirstOrDefault(i => i >= 0, -1);
                if (hit < 0) continue;
                var haystack = haystacks.First(h => h.Contains(fragment, StringComparison.Ordinal));
                var at = haystack.IndexOf(fragment, StringComparison.Ordinal);
                var start = Math.Max(0, at - 120);
                leaks.Add($"{name}: {fragment} in …{haystack[start..Math.Min(haystack.Length, at + 40)]}…");
                break; // one report per secret is enough to find the path
            }
        }
        return leaks;
    }

    private static IEnumerable<string> Fragments(string secret)
    {
        foreach (var token in secret.Split([' ', '\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (token.StartsWith("-----", StringComparison.Ordinal)) continue; // PEM armour is public text
            for (var i = 0; i + FragmentLength <= token.Length; i++)
                yield return token.Substring(i, FragmentLength);
        }
    }

    /// <summary>Each line that parses as JSON contributes all its string values and property names, unescaped.</summary>
    private static string DecodeJsonStrings(string output)
    {
        var text = new StringBuilder();
        foreach (var line in output.Split('\n'))
        {
            if (!line.TrimStart().StartsWith('{')) continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                Collect(doc.RootElement, text);
            }
            catch (JsonException)
            {
            }
        }
        return text.ToString();
    }

    private static void Collect(JsonElement element, StringBuilder text)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                text.Append(element.GetString()).Append('\n');
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    text.Append(property.Name).Append('\n');
                    Collect(property.Value, text);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) Collect(item, text);
                break;
        }
    }

    private static byte[] Bytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
