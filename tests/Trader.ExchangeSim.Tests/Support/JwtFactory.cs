using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using NSec.Cryptography;

namespace Trader.ExchangeSim.Tests.Support;

/// <summary>The test's own minimal CDP JWT minting (independent of Trader.Coinbase): ES256 via ECDsa, EdDSA via NSec.</summary>
public sealed class JwtFactory
{
    public const string EcName = "organizations/org-1/apiKeys/ec-key";
    public const string EdName = "organizations/org-1/apiKeys/ed-key";

    public ECDsa EcKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    public Key EdKey { get; } = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });

    public string EcPublicPem => EcKey.ExportSubjectPublicKeyInfoPem();
    public string EdPublicBase64 => Convert.ToBase64String(EdKey.PublicKey.Export(KeyBlobFormat.RawPublicKey));

    /// <summary>A REST token: uri = "METHOD host/path".</summary>
    public string Rest(string method, string hostAndPath, DateTimeOffset now, bool ed = false) =>
        Make(ed ? EdName : EcName, ed, Claims(ed ? EdName : EcName, now, $"{method} {hostAndPath}"));

    /// <summary>A WebSocket token: no uri claim.</summary>
    public string WebSocket(DateTimeOffset now, bool ed = false) =>
        Make(ed ? EdName : EcName, ed, Claims(ed ? EdName : EcName, now, uri: null));

    public static JsonObject Claims(string kid, DateTimeOffset now, string? uri, int lifetimeSeconds = 120)
    {
        var claims = new JsonObject
        {
            ["sub"] = kid,
            ["iss"] = "cdp",
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.ToUnixTimeSeconds() + lifetimeSeconds,
        };
        if (uri is not null) claims["uri"] = uri;
        return claims;
    }

    public string Make(string kid, bool ed, JsonObject claims, string? alg = null, ECDsa? otherEcKey = null)
    {
        var header = new JsonObject { ["alg"] = alg ?? (ed ? "EdDSA" : "ES256"), ["kid"] = kid, ["nonce"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), ["typ"] = "JWT" };
        var input = B64(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + B64(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var bytes = Encoding.ASCII.GetBytes(input);
        var signature = ed
            ? SignatureAlgorithm.Ed25519.Sign(EdKey, bytes)
            : (otherEcKey ?? EcKey).SignData(bytes, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return input + "." + B64(signature);
    }

    private static string B64(byte[] data) => Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
