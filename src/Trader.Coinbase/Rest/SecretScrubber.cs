using System.Text.RegularExpressions;

namespace Trader.Coinbase.Rest;

/// <summary>
/// Makes venue-supplied text safe for a failure message: drops the token we sent (a misbehaving server or
/// proxy may echo it), anything after "Bearer", and anything shaped like a JWT; caps the length.
/// </summary>
internal static partial class SecretScrubber
{
    public const int MaxLength = 300;

    public static string Scrub(string text, string? token)
    {
        if (string.IsNullOrEmpty(text)) return text;
        if (!string.IsNullOrEmpty(token)) text = text.Replace(token, "***", StringComparison.Ordinal);
        text = BearerPattern().Replace(text, "Bearer ***");
        text = JwtPattern().Replace(text, "***");
        text = text.Replace('\r', ' ').Replace('\n', ' ').Trim();
        return text.Length <= MaxLength ? text : text[..MaxLength] + "…";
    }

    [GeneratedRegex(@"Bearer\s+\S+", RegexOptions.IgnoreCase)]
    private static partial Regex BearerPattern();

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")]
    private static partial Regex JwtPattern();
}
