using Trader.Host.Secrets;

namespace Trader.Host.Tests.Secrets;

[Trait("Req", "REQ-SEC1")]
public sealed class SecretDetectorTests
{
    [Theory]
    [InlineData("-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEI...\n-----END EC PRIVATE KEY-----")]
    [InlineData("organizations/abc/apiKeys/def")]
    [InlineData("q8H2mZ0vX1yK3pL7nR5tW9bC4dF6gJ8hA2sE0uI1oP3=")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("sk-proj-abcdefghijklmnopqrstuvwxyz012345")]
    [InlineData("https://hooks.slack.com/services/T000/B000/XXXXXXXX")]
    public void Key_shaped_values_are_recognised(string value) => Assert.NotNull(SecretDetector.Describe(value));

    [Theory]
    [InlineData("https://api.coinbase.com")]
    [InlineData("wss://advanced-trade-ws-user.coinbase.com")]
    [InlineData("COINBASE_API_PRIVATE_KEY_FILE")]
    [InlineData("logs/a/very/long/relative/path/to/the/log/directory")]
    [InlineData("tier_2_rotational_with_a_long_descriptive_name_here")]
    [InlineData("${COINBASE_API_SECRET}")]
    [InlineData("limit_post_only")]
    [InlineData("10485760")]
    public void Ordinary_config_values_are_not_flagged(string value) => Assert.Null(SecretDetector.Describe(value));

    [Theory]
    [InlineData("api_key", true)]
    [InlineData("api_secret", true)]
    [InlineData("openai_api_key", true)]
    [InlineData("private_key", true)]
    [InlineData("private_key_env", false)]
    [InlineData("redact_api_keys", false)]
    [InlineData("redact_tokens", false)]
    public void Secret_key_names_are_recognised(string key, bool secret) => Assert.Equal(secret, SecretDetector.IsSecretKeyName(key));
}
