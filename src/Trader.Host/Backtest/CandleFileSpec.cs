using System.Text.RegularExpressions;

namespace Trader.Host.Backtest;

/// <summary>One <c>--candles [PRODUCT=]FILE</c> argument: the file and the product id given for it, if any.</summary>
public sealed partial record CandleFileSpec(string Path, string? ProductId)
{
    [GeneratedRegex(@"^([A-Za-z0-9]+-[A-Za-z0-9]+)=(.+)$")]
    private static partial Regex WithProduct();

    /// <summary><c>BTC-USD=data/x.csv</c> → (data/x.csv, BTC-USD); anything else is a plain path.</summary>
    public static CandleFileSpec Parse(string text)
    {
        var match = WithProduct().Match(text);
        return match.Success
            ? new CandleFileSpec(match.Groups[2].Value, match.Groups[1].Value.ToUpperInvariant())
            : new CandleFileSpec(text, null);
    }
}
