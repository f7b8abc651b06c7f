namespace Trader.Host.Import;

/// <summary>Command-line names of <see cref="CaptureFormat"/>.</summary>
public static class CaptureFormats
{
    public static readonly IReadOnlyList<string> Names = ["lean-quote", "lean-trade", "cryptofeed", "candles-csv"];

    public static bool TryParse(string name, out CaptureFormat format)
    {
        (var ok, format) = name switch
        {
            "lean-quote" => (true, CaptureFormat.LeanQuote),
            "lean-trade" => (true, CaptureFormat.LeanTrade),
            "cryptofeed" => (true, CaptureFormat.Cryptofeed),
            "candles-csv" => (true, CaptureFormat.CandlesCsv),
            _ => (false, default),
        };
        return ok;
    }

    public static string Name(CaptureFormat format) => Names[(int)format];
}
