using Trader.Domain.Market;

namespace Trader.Domain.Portfolio;

/// <summary>How positions are valued: the quote's mid, else the last closed candle's close, else nothing.</summary>
public static class MarkPrice
{
    public static decimal? Of(ProductMarketView? view)
    {
        if (view is null) return null;
        if (view.Quote is { } quote && quote.Bid > 0m && quote.Ask >= quote.Bid) return quote.Mid;
        return view.LastClose is { } close && close > 0m ? close : null;
    }
}
