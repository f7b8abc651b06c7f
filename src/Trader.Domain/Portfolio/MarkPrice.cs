using Trader.Domain.Market;

namespace Trader.Domain.Portfolio;

/// <summary>How positions are valued: the quote's mid, else the last candle's close, else nothing.</summary>
public static class MarkPrice
{
    public static decimal? Of(ProductMarketView? view)
    {
        if (view is null) return null;
        if (view.Quote is { } quote && quote.Bid > 0m && quote.Ask >= quote.Bid) return quote.Mid;
        return view.LastCandle is { Close: > 0m } candle ? candle.Close : null;
    }
}
