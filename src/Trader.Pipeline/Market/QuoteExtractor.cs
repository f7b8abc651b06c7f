using Trader.Domain.Market;

namespace Trader.Pipeline.Market;

/// <summary>
/// Turns market events into quote updates (CONTRACTS.md §4: the newer of the ticker's best bid/ask and the
/// level-2 top). A ticker with a book yields its best bid/ask; a level-2 event updates the product's
/// <see cref="OrderBook"/> (the one book of Trader.Domain, shared with the Coinbase session) and yields its top once
/// the book is live (built from a snapshot), has both sides and is not crossed. Either source replaces the other: the latest update wins. The quote's
/// last price is the latest ticker price or trade price seen. Not thread-safe (one feed).
/// </summary>
public sealed class QuoteExtractor
{
    private readonly Dictionary<string, ProductSlot> _products = new(StringComparer.Ordinal);

    public bool TryExtract(MarketEvent marketEvent, out ProductQuote quote)
    {
        quote = default;
        switch (marketEvent)
        {
            case TickerEvent ticker:
            {
                var slot = Slot(ticker.ProductId);
                if (ticker.Price > 0m) slot.Last = ticker.Price;
                if (!ticker.HasBook) return false;
                quote = new ProductQuote(ticker.ProductId,
                    new Quote(ticker.BestBid, ticker.BestAsk, slot.Last, ticker.TsEvent, ticker.TsRecv));
                return true;
            }
            case BookEvent book:
            {
                var slot = Slot(book.ProductId);
                slot.Book ??= new OrderBook(book.ProductId);
                slot.Book.Apply(book);
                if (!slot.Book.TryGetQuote(slot.Last > 0m ? slot.Last : null, out var top)) return false;
                quote = new ProductQuote(book.ProductId, top);
                return true;
            }
            case TradeEvent trade:
                if (trade.Price > 0m) Slot(trade.ProductId).Last = trade.Price;
                return false;
            default:
                return false;
        }
    }

    private ProductSlot Slot(string productId)
    {
        if (!_products.TryGetValue(productId, out var slot))
        {
            slot = new ProductSlot();
            _products.Add(productId, slot);
        }
        return slot;
    }

    private sealed class ProductSlot
    {
        public OrderBook? Book { get; set; }
        public decimal Last { get; set; }
    }
}
