using System.Security.Cryptography;
using System.Text.Json.Nodes;
using NSec.Cryptography;
using Trader.Coinbase.Auth;
using Trader.Coinbase.Tests.Rest;
using Trader.Domain.Security;
using Trader.Testing;

namespace Trader.Coinbase.Tests.Auth;

public sealed class CoinbaseJwtFactoryTests
{
    private static readonly DateTimeOffset SampleNow = DateTimeOffset.FromUnixTimeSeconds(1790000000);
    private const string SampleNonce = "00112233445566778899aabbccddeeff";
    private static readonly Uri AccountsUri = new("https://api.coinbase.com/api/v3/brokerage/accounts");

    private static JsonObject Sample() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Samples, "auth-jwt-rest-decoded.json")))!.AsObject();

    [Fact]
    public void Es256_token_decodes_to_the_documented_claims_and_verifies_with_the_public_key()
    {
        var (credentials, publicKey) = TestKeys.Es256();
        using var _ = publicKey;
        var clock = VirtualTime.Create(SampleNow);
        using var factory = new CoinbaseJwtFactory(credentials, clock.TimeProvider, new FixedNonceSource(SampleNonce));

        var jwt = DecodedJwt.Parse(factory.CreateRestToken(HttpMethod.Get, AccountsUri));

        var sample = Sample();
        Assert.True(JsonNode.DeepEquals(sample["header"], jwt.Header), jwt.Header.ToJsonString());
        Assert.True(JsonNode.DeepEquals(sample["payload"], jwt.Payload), jwt.Payload.ToJsonString());
        Assert.Equal(["alg", "kid", "nonce", "typ"], jwt.Header.Select(p => p.Key));
        Assert.Equal(["sub", "iss", "nbf", "exp", "uri"], jwt.Payload.Select(p => p.Key));
        Assert.Equal(64, jwt.Signature.Length);
        Assert.True(publicKey.VerifyData(jwt.SigningInput, jwt.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public void Es256_accepts_pkcs8_and_pem_with_escaped_newlines()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var clock = VirtualTime.Create(SampleNow);
        foreach (var pem in new[] { key.ExportPkcs8PrivateKeyPem(), key.ExportECPrivateKeyPem().Replace("\n", "\\n") })
        {
            using var factory = new CoinbaseJwtFactory(new ApiCredentials(TestKeys.KeyName, pem), clock.TimeProvider);
            var jwt = DecodedJwt.Parse(factory.CreateRestToken(HttpMethod.Get, AccountsUri));
            Assert.True(key.VerifyData(jwt.SigningInput, jwt.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        }
    }

    [Fact]
    public void Es256_rejects_a_key_on_another_curve_without_printing_it()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var pem = key.ExportECPrivateKeyPem();
        var e = Assert.Throws<ArgumentException>(() => new CoinbaseJwtFactory(new ApiCredentials(TestKeys.KeyName, pem), VirtualTime.Create().TimeProvider));
        Assert.Contains("P-256", e.Message);
        Assert.DoesNotContain("PRIVATE", e.Message);
        var garbage = "-----BEGIN EC PRIVATE KEY-----\nbm90IGEga2V5\n-----END EC PRIVATE KEY-----";
        e = Assert.Throws<ArgumentException>(() => new CoinbaseJwtFactory(new ApiCredentials(TestKeys.KeyName, garbage), VirtualTime.Create().TimeProvider));
        Assert.DoesNotContain("bm90IGEga2V5", e.Message);
    }

    [Fact]
    public void Ed25519_token_from_coinbase_88_char_secret_decodes_to_the_documented_claims_and_verifies()
    {
        var (secret, publicKey) = Ed25519Key(withPublicHalf: true);
        Assert.Equal(88, secret.Length);
        var clock = VirtualTime.Create(SampleNow);
        using var factory = new CoinbaseJwtFactory(new ApiCredentials(TestKeys.KeyName, secret), clock.TimeProvider, new FixedNonceSource(SampleNonce));

        var jwt = DecodedJwt.Parse(factory.CreateRestToken(HttpMethod.Get, AccountsUri));

        var expectedHeader = Sample()["header"]!.DeepClone().AsObject();
        expectedHeader["alg"] = "EdDSA";
        Assert.True(JsonNode.DeepEquals(expectedHeader, jwt.Header), jwt.Header.ToJsonString());
        Assert.True(JsonNode.DeepEquals(Sample()["payload"], jwt.Payload), jwt.Payload.ToJsonString());
        Assert.Equal(64, jwt.Signature.Length);
        Assert.True(SignatureAlgorithm.Ed25519.Verify(publicKey, jwt.SigningInput, jwt.Signature));
    }

    [Fact]
    public void Ed25519_accepts_a_bare_seed_and_rejects_a_mismatched_public_half()
    {
        var (seedOnly, publicKey) = Ed25519Key(withPublicHalf: false);
        var clock = VirtualTime.Create(SampleNow);
        using (var factory = new CoinbaseJwtFactory(new ApiCredentials(TestKeys.KeyName, seedOnly), clock.TimeProvider))
        {
            Assert.Equal("EdDSA", factory.Algorithm);
            var jwt = DecodedJwt.Parse(factory.CreateRestToken(HttpMethod.Post, new Uri("https://api.coinbase.com/api/v3/brokerage/orders")));
            Assert.True(SignatureAlgorithm.Ed25519.Verify(publicKey, jwt.SigningInput, jwt.Signature));
        }

        var (other, _) = Ed25519Key(withPublicHalf: true);
        var mixed = Convert.ToBase64String([.. Convert.FromBase64String(seedOnly), .. Convert.FromBase64String(other)[32..]]);
        var e = Assert.Throws<ArgumentException>(() => new CoinbaseJwtFactory(new ApiCredentials(TestKeys.KeyName, mixed), clock.TimeProvider));
        Assert.DoesNotContain(mixed, e.Message);
        Assert.Throws<ArgumentException>(() => new CoinbaseJwtFactory(new ApiCredentials(TestKeys.KeyName, "c2hvcnQ="), clock.TimeProvider));
    }

    [Fact]
    public void Uri_claim_omits_the_query_string_and_keeps_a_non_default_port()
    {
        var clock = VirtualTime.Create(SampleNow);
        using var factory = new CoinbaseJwtFactory(TestKeys.Es256().Credentials, clock.TimeProvider);

        var get = DecodedJwt.Parse(factory.CreateRestToken(HttpMethod.Get,
            new Uri("https://api.coinbase.com/api/v3/brokerage/orders/historical/batch?order_status=OPEN&product_ids=BTC-USD")));
        Assert.Equal("GET api.coinbase.com/api/v3/brokerage/orders/historical/batch", get.Uri);

        var local = DecodedJwt.Parse(factory.CreateRestToken(HttpMethod.Post, new Uri("http://127.0.0.1:5123/api/v3/brokerage/orders")));
        Assert.Equal("POST 127.0.0.1:5123/api/v3/brokerage/orders", local.Uri);

        Assert.Equal("GET api.coinbase.com/api/v3/brokerage/accounts",
            DecodedJwt.Parse(factory.CreateRestToken("get", "api.coinbase.com", "/api/v3/brokerage/accounts?limit=250")).Uri);
    }

    [Fact]
    public void WebSocket_token_has_no_uri_and_times_come_from_the_injected_clock()
    {
        var clock = VirtualTime.Create(SampleNow);
        using var factory = new CoinbaseJwtFactory(TestKeys.Es256().Credentials, clock.TimeProvider);

        var first = DecodedJwt.Parse(factory.CreateWebSocketToken());
        Assert.Null(first.Payload["uri"]);
        Assert.Equal(["sub", "iss", "nbf", "exp"], first.Payload.Select(p => p.Key));
        Assert.Equal(1790000000, first.Payload["nbf"]!.GetValue<long>());

        clock.AdvanceBy(TimeSpan.FromSeconds(95));
        var later = DecodedJwt.Parse(factory.CreateWebSocketToken());
        Assert.Equal(1790000095, later.Payload["nbf"]!.GetValue<long>());
        Assert.Equal(1790000095 + 120, later.Payload["exp"]!.GetValue<long>());
        Assert.NotEqual(first.Header["nonce"]!.GetValue<string>(), later.Header["nonce"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{32}$", later.Header["nonce"]!.GetValue<string>());
    }

    private static (string Secret, PublicKey PublicKey) Ed25519Key(bool withPublicHalf)
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        var seed = key.Export(KeyBlobFormat.RawPrivateKey);
        var pub = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        var secret = Convert.ToBase64String(withPublicHalf ? [.. seed, .. pub] : seed);
        return (secret, PublicKey.Import(SignatureAlgorithm.Ed25519, pub, KeyBlobFormat.RawPublicKey));
    }
}
