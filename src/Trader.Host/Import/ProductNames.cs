namespace Trader.Host.Import;

/// <summary>Infers a Coinbase product id from a LEAN folder name (<c>btcusd</c>) or a file name (<c>BTCUSD_1m_…</c>).</summary>
public static class ProductNames
{
    private static readonly string[] QuoteCurrencies = ["USDC", "USDT", "USD", "EUR", "GBP", "BTC", "ETH"];

    public static string? FromSymbol(string symbol)
    {
        var upper = symbol.Trim().ToUpperInvariant();
        if (upper.Contains('-')) return upper;
        foreach (var quote in QuoteCurrencies)
            if (upper.Length > quote.Length && upper.EndsWith(quote, StringComparison.Ordinal))
            {
                var baseCcy = upper[..^quote.Length];
                if (baseCcy.All(char.IsAsciiLetterOrDigit)) return $"{baseCcy}-{quote}";
            }
        return null;
    }

    /// <summary>The symbol before the first '_' or '.' of a file name (<c>BTCUSD_1m_2023.csv.gz</c> → BTC-USD).</summary>
    public static string? FromFileName(string path)
    {
        var name = Path.GetFileName(path);
        var end = name.IndexOfAny(['_', '.']);
        return FromSymbol(end > 0 ? name[..end] : name);
    }
}
