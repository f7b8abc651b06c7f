using System.Security.Cryptography;

namespace Trader.Host.Tests.Secrets;

/// <summary>Throwaway keys made for a test run, in the forms Coinbase issues.</summary>
internal static class TestKeys
{
    public const string KeyName = "organizations/11111111-2222-3333-4444-555555555555/apiKeys/66666666-7777-8888-9999-000000000000";

    public static string Es256Sec1Pem { get; } = MakeEc(ECCurve.NamedCurves.nistP256, pkcs8: false);

    public static string Es256Pkcs8Pem { get; } = MakeEc(ECCurve.NamedCurves.nistP256, pkcs8: true);

    public static string P384Pem { get; } = MakeEc(ECCurve.NamedCurves.nistP384, pkcs8: false);

    /// <summary>Coinbase's Ed25519 secret: base64 of 64 bytes (88 characters). Random bytes: only the shape is checked here.</summary>
    public static string Ed25519Base64 { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));

    public static string Ed25519SeedBase64 { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The base64 body lines of a PEM: the part that must never appear in any message.</summary>
    public static IEnumerable<string> BodyLines(string pem) =>
        pem.Split('\n').Select(l => l.Trim()).Where(l => l.Length >= 16 && !l.StartsWith("-----", StringComparison.Ordinal));

    private static string MakeEc(ECCurve curve, bool pkcs8)
    {
        using var key = ECDsa.Create(curve);
        return pkcs8 ? key.ExportPkcs8PrivateKeyPem() : key.ExportECPrivateKeyPem();
    }
}
