using Trader.Host.Logging;

namespace Trader.Host.Tests.Logging;

public sealed class SecretRedactorTests
{
    private static readonly PlantedSecrets Secrets = new(seed: 3);

    [Fact]
    [Trait("Req", "REQ-SEC1")]
    public void Secret_shapes_are_masked_even_when_nobody_registered_them()
    {
        var redactor = new SecretRedactor();

        Assert.Equal("key: " + SecretRedactor.Mask + " end", redactor.Redact("key: " + Secrets.EcPem + " end"));
        Assert.Equal("truncated " + SecretRedactor.Mask, redactor.Redact("truncated " + Secrets.EcPem[..60]));
        Assert.Equal("jwt=" + SecretRedactor.Mask, redactor.Redact("jwt=" + Secrets.Jwt));
        Assert.Equal("Authorization: " + SecretRedactor.Mask, redactor.Redact(Secrets.AuthorizationHeader));
        Assert.Equal("{\"authorization\":\"" + SecretRedactor.Mask + "\"}", redactor.Redact("{\"authorization\":\"Basic dXNlcjpwYXNz\"}"));
        Assert.Equal("then Bearer " + SecretRedactor.Mask, redactor.Redact("then Bearer " + Secrets.OpaqueToken));
        Assert.Equal("ed " + SecretRedactor.Mask + ".", redactor.Redact("ed " + Secrets.Ed25519 + "."));
    }

    [Fact]
    [Trait("Req", "REQ-SEC1")]
    public void Registered_values_are_masked_wherever_they_appear()
    {
        var redactor = new SecretRedactor();
        redactor.Register(new Trader.Domain.Security.ApiCredentials(Secrets.KeyName, Secrets.EcPem));
        var pemLine = Secrets.EcPem.Split('\n')[1];

        Assert.DoesNotContain(Secrets.KeyId, redactor.Redact("kid " + Secrets.KeyName));
        Assert.Equal("line " + SecretRedactor.Mask, redactor.Redact("line " + pemLine));
    }

    [Theory]
    [Trait("Req", "REQ-SEC1")]
    [InlineData("Authorization", true)]
    [InlineData("proxy-authorization", true)]
    [InlineData("private_key", true)]
    [InlineData("PrivateKey", true)]
    [InlineData("api_secret", true)]
    [InlineData("X-Api-Key", true)]
    [InlineData("password", true)]
    [InlineData("access_token", true)]
    [InlineData("Cookie", true)]
    [InlineData("product_id", false)]
    [InlineData("token_count", false)]
    [InlineData("client_order_id", false)]
    [InlineData("key_name", false)]
    public void Credential_like_names_are_recognised(string name, bool sensitive) =>
        Assert.Equal(sensitive, SecretRedactor.IsSensitiveName(name));

    [Theory]
    [Trait("Req", "REQ-SEC1")]
    [InlineData("sending Authorization: Bearer ", true)]
    [InlineData("password=", true)]
    [InlineData("api_key: '", true)]
    [InlineData("placed order ", false)]
    [InlineData("token count ", false)]
    public void Template_text_that_announces_a_credential_is_recognised(string preceding, bool introduces) =>
        Assert.Equal(introduces, SecretRedactor.IntroducesSecret(preceding));

    [Fact]
    public void Ordinary_log_text_is_left_alone()
    {
        var redactor = new SecretRedactor();
        redactor.Register("short"); // below the minimum: never masks ordinary words
        string[] ordinary =
        [
            "digest 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "BTC-USD buy 0.00123 @ 43125.50 reason=theme_cap short",
            "/work/wt/h2-state/src/Trader.Host/Locking/InstanceLock.cs:line 42",
            "client_order_id=3f2a9c4e-1b7d-4c55-9d2e-8a1f0b6c7d3e",
            "wss://advanced-trade-ws.coinbase.com",
        ];
        foreach (var text in ordinary)
            Assert.Equal(text, redactor.Redact(text));
    }
}
