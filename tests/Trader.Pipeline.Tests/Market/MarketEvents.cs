using Trader.Domain.Market;
using Trader.Domain.Trading;
using Trader.Pipeline.Market;

namespace Trader.Pipeline.Tests.Market;

/// <summary>Typed market events for guard tests, stamped with a receive time on the test's virtual clock.</summary>
internal static class MarketEvents
{
    public static TickerEvent Ticker(string product, decimal bid, decimal ask, DateTimeOffset at, decimal volume24h = 0m) =>
        new(product, (bid + ask) / 2m, bid, 1m, ask, 1m, volume24h, at, at);

    public static ProductQuote Quote(string product, decimal bid, decimal ask, DateTimeOffset at) =>
        new(product, new Quote(bid, ask, (bid + ask) / 2m, at, at));

    public static ProductQuote QuoteAroundMid(string product, decimal mid, decimal spreadBps, DateTimeOffset at)
    {
        var half = mid * spreadBps / 20_000m;
        return Quote(product, mid - half, mid + half, at);
    }

    public static TradeEvent Trade(string product, decimal price, decimal size, DateTimeOffset at, string id = "1") =>
        new(product, id, price, size, OrderSide.Sell, at, at);

    public static StatusEvent Status(string product, ProductStatus status, DateTimeOffset at, string? message = null) =>
        new(product, status, message, null, at, at);

    public static BookEvent Book(string product, bool snapshot, DateTimeOffset at, params BookLevel[] levels) =>
        new(product, snapshot, levels, at, at);
}
