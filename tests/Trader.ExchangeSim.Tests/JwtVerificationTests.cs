using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Trader.ExchangeSim.Tests.Support;

namespace Trader.ExchangeSim.Tests;

/// <summary>JWTs are verified like Coinbase: signature against an accepted key, exp/nbf on the simulator's clock,
/// uri = METHOD host/path; failures are 401 with the plain-text body "Unauthorized".</summary>
public sealed class JwtVerificationTests
{
    private const string Accounts = SimHarness.Prefix + "/accounts";

    private static async Task<(HttpStatusCode, string)> GetAsync(SimHarness sim, string path, string? token)
    {
        using var response = await sim.SendAsync(HttpMethod.Get, path, token: token);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Es256_and_Ed25519_tokens_are_accepted()
    {
        await using var sim = await SimHarness.StartAsync(seedBook: false);
        var (es, _) = await GetAsync(sim, Accounts, sim.Keys.Rest("GET", sim.Host + Accounts, sim.Clock.Now));
        var (ed, _) = await GetAsync(sim, Accounts, sim.Keys.Rest("GET", sim.Host + Accounts, sim.Clock.Now, ed: true));
        Assert.Equal(HttpStatusCode.OK, es);
        Assert.Equal(HttpStatusCode.OK, ed);
    }

    [Fact]
    public async Task Claim_variants_real_clients_send_are_accepted()
    {
        await using var sim = await SimHarness.StartAsync(seedBook: false);
        var now = sim.Clock.Now;
        var coinbaseHost = JwtFactory.Claims(JwtFactory.EcName, now, "GET api.coinbase.com" + Accounts);
        var uris = JwtFactory.Claims(JwtFactory.EcName, now, uri: null);
        uris["uris"] = new JsonArray("GET api.coinbase.com/other", "GET " + sim.Host + Accounts);
        var cloud = JwtFactory.Claims(JwtFactory.EcName, now, "GET " + sim.Host + Accounts);
        cloud["iss"] = "coinbase-cloud";
        cloud["aud"] = new JsonArray("retail_rest_api_proxy");
        var localhost = JwtFactory.Claims(JwtFactory.EcName, now, $"GET localhost:{sim.Sim.Port}{Accounts}");
        foreach (var claims in new[] { coinbaseHost, uris, cloud, localhost })
        {
            var (status, body) = await GetAsync(sim, Accounts, sim.Keys.Make(JwtFactory.EcName, ed: false, claims));
            Assert.True(status == HttpStatusCode.OK, claims.ToJsonString() + " → " + body);
        }
    }

    [Fact]
    public async Task Bad_tokens_get_401_Unauthorized_in_plain_text()
    {
        await using var sim = await SimHarness.StartAsync(seedBook: false);
        var now = sim.Clock.Now;
        var keys = sim.Keys;
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var uri = "GET " + sim.Host + Accounts;
        var cases = new Dictionary<string, string>
        {
            ["missing"] = "",
            ["garbage"] = "not.a.jwt",
            ["wrong path"] = keys.Rest("GET", sim.Host + SimHarness.Prefix + "/products", now),
            ["wrong method"] = keys.Rest("POST", sim.Host + Accounts, now),
            ["wrong host"] = keys.Rest("GET", "evil.example.com" + Accounts, now),
            ["query in uri"] = keys.Rest("GET", sim.Host + Accounts + "?limit=5", now),
            ["no uri"] = keys.WebSocket(now),
            ["expired"] = keys.Make(JwtFactory.EcName, false, JwtFactory.Claims(JwtFactory.EcName, now.AddSeconds(-200), uri)),
            ["not yet valid"] = keys.Make(JwtFactory.EcName, false, JwtFactory.Claims(JwtFactory.EcName, now.AddSeconds(60), uri)),
            ["signed by another key"] = keys.Make(JwtFactory.EcName, false, JwtFactory.Claims(JwtFactory.EcName, now, uri), otherEcKey: stranger),
            ["unknown kid"] = keys.Make("organizations/x/apiKeys/unknown", false, JwtFactory.Claims("organizations/x/apiKeys/unknown", now, uri)),
            ["alg of the other kind"] = keys.Make(JwtFactory.EcName, false, JwtFactory.Claims(JwtFactory.EcName, now, uri), alg: "EdDSA"),
            ["ed key signed as ES256"] = keys.Make(JwtFactory.EdName, false, JwtFactory.Claims(JwtFactory.EdName, now, uri)),
            ["bad iss"] = keys.Make(JwtFactory.EcName, false, WithIss(JwtFactory.Claims(JwtFactory.EcName, now, uri), "someone")),
        };
        foreach (var (name, token) in cases)
        {
            var (status, body) = await GetAsync(sim, Accounts, token);
            Assert.True(status == HttpStatusCode.Unauthorized, $"{name}: {(int)status}");
            Assert.Equal("Unauthorized", body);
        }
    }

    private static JsonObject WithIss(JsonObject claims, string iss)
    {
        claims["iss"] = iss;
        return claims;
    }

    [Fact]
    public async Task A_token_expires_on_the_simulators_clock_with_a_small_leeway()
    {
        await using var sim = await SimHarness.StartAsync(seedBook: false);
        var token = sim.Keys.Rest("GET", sim.Host + Accounts, sim.Clock.Now);
        sim.Clock.AdvanceBy(TimeSpan.FromSeconds(124));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(sim, Accounts, token)).Item1);
        sim.Clock.AdvanceBy(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(sim, Accounts, token)).Item1);
    }

    [Fact]
    public async Task Public_endpoints_need_no_token()
    {
        await using var sim = await SimHarness.StartAsync();
        foreach (var path in new[] { "/time", "/market/products", "/market/products/BTC-USD", "/market/product_book?product_id=BTC-USD" })
        {
            using var response = await sim.SendAsync(HttpMethod.Get, SimHarness.Prefix + path, token: "");
            Assert.True(response.StatusCode == HttpStatusCode.OK, path);
        }
        using var privateProducts = await sim.SendAsync(HttpMethod.Get, SimHarness.Prefix + "/products", token: "");
        Assert.Equal(HttpStatusCode.Unauthorized, privateProducts.StatusCode);
    }

    [Fact]
    public void Key_files_in_every_accepted_format_parse()
    {
        var keys = new JwtFactory();
        Assert.Equal(Auth.AcceptedKeyKind.Es256, Auth.AcceptedKey.Parse("a", keys.EcPublicPem).Kind);
        Assert.Equal(Auth.AcceptedKeyKind.Es256, Auth.AcceptedKey.Parse("b", keys.EcKey.ExportECPrivateKeyPem()).Kind);
        Assert.Equal(Auth.AcceptedKeyKind.Ed25519, Auth.AcceptedKey.Parse("c", keys.EdPublicBase64).Kind);
        var edPem = System.Text.Encoding.ASCII.GetString(keys.EdKey.PublicKey.Export(NSec.Cryptography.KeyBlobFormat.PkixPublicKeyText));
        Assert.Equal(Auth.AcceptedKeyKind.Ed25519, Auth.AcceptedKey.Parse("d", edPem).Kind);
        var error = Assert.Throws<FormatException>(() => Auth.AcceptedKey.Parse("e", "not a key"));
        Assert.DoesNotContain("not a key", error.Message);
    }
}
