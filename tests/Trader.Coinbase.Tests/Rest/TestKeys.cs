using System.Security.Cryptography;
using Trader.Domain.Security;

namespace Trader.Coinbase.Tests.Rest;

/// <summary>Throwaway keys for tests: never real credentials.</summary>
public static class TestKeys
{
    public const string KeyName = "organizations/org-1/apiKeys/key-1";

    public static (ApiCredentials Credentials, ECDsa PublicKey) Es256()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = key.ExportECPrivateKeyPem();
        var verifier = ECDsa.Create(key.ExportParameters(includePrivateParameters: false));
        return (new ApiCredentials(KeyName, pem), verifier);
    }
}
