using System.Text.RegularExpressions;

namespace Trader.Host.Secrets;

/// <summary>
/// Recognises values that look like credentials (REQ-SEC1) so that they are refused in config and never echoed.
/// It returns what kind of secret it looks like, never the value.
/// </summary>
public static partial class SecretDetector
{
    /// <summary>A description of the kind of secret <paramref name="value"/> looks like, or null when it looks harmless.</summary>
    public static string? Describe(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var text = value.Trim();
        if (text.Contains("-----BEGIN", StringComparison.Ordinal))
            return "a PEM block (private key or certificate)";
        if (CdpKeyName().IsMatch(text))
            return "a Coinbase API key name (organizations/…/apiKeys/…)";
        if (OpenAiKey().IsMatch(text) || SlackToken().IsMatch(text))
            return "an API token";
        if (text.Contains("hooks.slack.com/services/", StringComparison.OrdinalIgnoreCase))
            return "a webhook URL with its token";
        if (LongHex().IsMatch(text))
            return "a long hexadecimal key";
        if (LongBase64().IsMatch(text) && HasKeyShape(text))
            return "a long base64 key";
        return null;
    }

    public static bool LooksLikeSecret(string? value) => Describe(value) is not null;

    /// <summary>Key names under which only an environment reference (<c>${NAME}</c>) is acceptable.</summary>
    public static bool IsSecretKeyName(string key) => SecretKeyName().IsMatch(key);

    /// <summary>True for <c>${NAME}</c>: a reference to an environment variable rather than a value.</summary>
    public static bool IsEnvironmentReference(string value) => EnvReference().IsMatch(value.Trim());

    // Random keys mix upper case, lower case and digits; long identifiers and paths usually do not.
    private static bool HasKeyShape(string text) =>
        text.Any(char.IsUpper) && text.Any(char.IsLower) && text.Any(char.IsDigit);

    [GeneratedRegex(@"organizations/[^/\s]+/apiKeys/[^/\s]+", RegexOptions.IgnoreCase)]
    private static partial Regex CdpKeyName();

    [GeneratedRegex(@"^[A-Za-z0-9+/_-]{40,}={0,2}$")]
    private static partial Regex LongBase64();

    [GeneratedRegex(@"^[0-9a-fA-F]{64,}$")]
    private static partial Regex LongHex();

    [GeneratedRegex(@"\bsk-[A-Za-z0-9_-]{20,}")]
    private static partial Regex OpenAiKey();

    [GeneratedRegex(@"\bxox[abprs]-[A-Za-z0-9-]{10,}")]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"(^|_)(api_key|api_secret|secret|secret_key|password|passphrase|private_key|token|access_token)$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretKeyName();

    [GeneratedRegex(@"^\$\{[A-Za-z_][A-Za-z0-9_]*\}$")]
    private static partial Regex EnvReference();
}
