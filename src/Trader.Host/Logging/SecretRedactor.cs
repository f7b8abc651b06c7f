using System.Text.RegularExpressions;
using Trader.Domain.Security;

namespace Trader.Host.Logging;

/// <summary>
/// Masks secrets in text (REQ-SEC1, NFR-O1): the values registered at start (the API key's private key, in every form
/// it could be printed, and the private part of the key name) and anything shaped like a secret whether registered or
/// not: PEM blocks (even truncated), JWTs, Authorization / Bearer credentials, and Coinbase-secret-shaped base64.
/// Thread-safe; registration may happen while logging.
/// </summary>
public sealed class SecretRedactor
{
    public const string Mask = "[REDACTED]";

    /// <summary>Registered values shorter than this are ignored: masking "abc" everywhere would hide the log, not a secret.</summary>
    public const int MinimumSecretLength = 8;

    private static readonly TimeSpan RegexBudget = TimeSpan.FromMilliseconds(250);

    private static readonly Regex Pem = new(
        @"-----BEGIN[^\r\n]*?-----.*?(?:-----END[^\r\n]*?-----|\z)",
        RegexOptions.Singleline | RegexOptions.CultureInvariant | RegexOptions.Compiled, RegexBudget);

    private static readonly Regex AuthorizationHeader = new(
        @"(?i)(authorization[""']?\s*[:=]\s*[""']?)[^\r\n""',;}]+",
        RegexOptions.CultureInvariant | RegexOptions.Compiled, RegexBudget);

    private static readonly Regex BearerToken = new(
        @"(?i)\b(bearer\s+)[A-Za-z0-9._~+/=-]+",
        RegexOptions.CultureInvariant | RegexOptions.Compiled, RegexBudget);

    private static readonly Regex Jwt = new(
        @"eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*|(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}",
        RegexOptions.CultureInvariant | RegexOptions.Compiled, RegexBudget);

    /// <summary>Coinbase's Ed25519 secret (64 bytes: 88 base64 chars), a 32-byte key (44 chars), or any long base64 run.</summary>
    private static readonly Regex Base64Secret = new(
        @"(?<![A-Za-z0-9+/=_-])(?:[A-Za-z0-9+/]{86}==|[A-Za-z0-9+/]{43}=|[A-Za-z0-9+/_-]{64,}={0,2})(?![A-Za-z0-9+/=_-])",
        RegexOptions.CultureInvariant | RegexOptions.Compiled, RegexBudget);

    private static readonly Regex SensitiveName = new(
        @"^(?:proxy[-_]?)?authorization$|^(?:x[-_])?api[-_]?(?:key|secret)$|private[-_]?key|secret|passw(?:or)?d|^(?:access[-_]|refresh[-_]|id[-_]|bearer[-_]?)?token$|^cookie$|^set[-_]cookie$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, RegexBudget);

    private static readonly Regex SecretIntroduction = new(
        @"(?:\bbearer\s+|(?:authorization|password|passwd|secret|private[-_ ]?key|api[-_ ]?(?:key|secret)|token)\s*[:=]\s*[""']?)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, RegexBudget);

    private readonly object _gate = new();
    private string[] _secrets = [];

    /// <summary>Registers a secret value (and, for a PEM, each line of its body and the body joined) to mask verbatim.</summary>
    public void Register(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret)) return;
        var forms = new HashSet<string>(StringComparer.Ordinal) { secret.Trim() };
        if (secret.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            var body = secret.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(line => !line.StartsWith("-----", StringComparison.Ordinal))
                .ToArray();
            forms.UnionWith(body);
            forms.Add(string.Concat(body));
        }
        lock (_gate)
        {
            _secrets = _secrets.Concat(forms.Where(f => f.Length >= MinimumSecretLength))
                .Distinct(StringComparer.Ordinal)
                .OrderByDescending(s => s.Length)
                .ToArray();
        }
    }

    /// <summary>Registers the private key and the private part of the key name (the key id after <c>apiKeys/</c>).</summary>
    public void Register(ApiCredentials credentials)
    {
        Register(credentials.PrivateKey);
        var keyId = credentials.KeyName[(credentials.KeyName.LastIndexOf('/') + 1)..];
        Register(keyId);
        if (!credentials.KeyName.Contains('/')) Register(credentials.KeyName);
    }

    /// <summary>
    /// Whether a property, field or dictionary key is named like a credential (<c>Authorization</c>, <c>private_key</c>,
    /// <c>api_secret</c>, <c>password</c>, <c>token</c>, <c>Cookie</c>…): its whole value is masked, whatever it looks like.
    /// </summary>
    public static bool IsSensitiveName(string? name) => !string.IsNullOrEmpty(name) && SensitiveName.IsMatch(name);

    /// <summary>
    /// Whether template text right before a property introduces a credential (<c>Bearer {Token}</c>,
    /// <c>password={Value}</c>): that property's value is masked whole, since a bare opaque token has no shape to detect.
    /// </summary>
    public static bool IntroducesSecret(string precedingText) => SecretIntroduction.IsMatch(precedingText);

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length < MinimumSecretLength) return text ?? "";
        var result = text;
        foreach (var secret in Volatile.Read(ref _secrets))
            result = result.Replace(secret, Mask, StringComparison.Ordinal);
        try
        {
            result = Pem.Replace(result, Mask);
            result = AuthorizationHeader.Replace(result, "$1" + Mask);
            result = BearerToken.Replace(result, "$1" + Mask);
            result = Jwt.Replace(result, Mask);
            result = Base64Secret.Replace(result, m => LooksRandom(m.Value) ? Mask : m.Value);
        }
        catch (RegexMatchTimeoutException)
        {
            return Mask + " (text withheld: redaction timed out)";
        }
        return result;
    }

    /// <summary>
    /// Base64 key material mixes upper case, lower case and digits and is not plain hex (a SHA-256 digest is not a
    /// secret); long identifiers and paths rarely have all three with no separator.
    /// </summary>
    private static bool LooksRandom(string value)
    {
        bool upper = false, lower = false, digit = false, nonHex = false;
        foreach (var c in value)
        {
            if (char.IsAsciiLetterUpper(c)) upper = true;
            else if (char.IsAsciiLetterLower(c)) lower = true;
            else if (char.IsAsciiDigit(c)) digit = true;
            if (!char.IsAsciiHexDigit(c)) nonHex = true;
        }
        return nonHex && ((upper && lower && digit) || value.EndsWith('='));
    }
}
