using Trader.Domain.Market;

namespace Trader.Coinbase.Books;

/// <summary>
/// The level-2 books of every product on a feed, plus the last trade price per product (for
/// <see cref="Quote.Last"/>). Not thread-safe: feed it from the one thread that parses frames.
/// </summary>
public sealed class OrderBookSet
{
    private readonly Dictionary<string, OrderBook> _books = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _lastTrade = new(StringComparer.Ordinal);

    public IReadOnlyCollection<OrderBook> Books => _books.Values;

    public OrderBook? Get(string productId) => _books.GetValueOrDefault(productId);

    public BookApplyOutcome Apply(BookEvent e)
    {
        if (!_books.TryGetValue(e.ProductId, out var book))
        {
            book = new OrderBook(e.ProductId);
            _books.Add(e.ProductId, book);
        }
        return book.Apply(e);
    }

    public void ObserveTrade(TradeEvent trade) => _lastTrade[trade.ProductId] = trade.Price;

    /// <summary>Routes book and trade events; ignores the rest.</summary>
    public void Observe(MarketEvent e)
    {
        switch (e)
        {
            case BookEvent book:
                Apply(book);
                break;
            case TradeEvent trade:
                ObserveTrade(trade);
                break;
        }
    }

    public bool TryGetQuote(string productId, out Quote quote)
    {
        quote = default;
        return _books.TryGetValue(productId, out var book)
            && book.TryGetQuote(_lastTrade.TryGetValue(productId, out var last) ? last : null, out quote);
    }

    /// <summary>Every book waits for a fresh snapshot (reconnect, sequence gap).</summary>
    public void MarkAllForResync()
    {
        foreach (var book in _books.Values) book.MarkForResync();
    }
}
