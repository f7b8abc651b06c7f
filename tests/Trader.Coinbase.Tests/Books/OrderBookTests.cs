using CsCheck;
using Trader.Coinbase.Books;
using Trader.Coinbase.Parsing;
using Trader.Coinbase.Tests.Parsing;
using Trader.Domain.Market;

namespace Trader.Coinbase.Tests.Books;

public sealed class OrderBookTests
{
    private static readonly DateTimeOffset T0 = new(2026, 9, 30, 2, 39, 53, TimeSpan.Zero);

    private static BookEvent Snapshot(params BookLevel[] levels) => new("BTC-USD", true, levels, T0, T0.AddMilliseconds(5));

    private static BookEvent Update(int second, params BookLevel[] levels) =>
        new("BTC-USD", false, levels, T0.AddSeconds(second), T0.AddSeconds(second).AddMilliseconds(5));

    private static BookLevel Bid(decimal p, decimal q) => new(BookSide.Bid, p, q);

    private static BookLevel Ask(decimal p, decimal q) => new(BookSide.Offer, p, q);

    [Fact]
    public void Snapshot_builds_both_sides_best_first()
    {
        var book = new OrderBook("BTC-USD");
        Assert.Equal(BookApplyOutcome.SnapshotApplied, book.Apply(Snapshot(Bid(100m, 1m), Bid(99m, 2m), Ask(101m, 3m), Ask(102m, 4m))));

        Assert.Equal(BookState.Live, book.State);
        Assert.Equal(Bid(100m, 1m), book.BestBid);
        Assert.Equal(Ask(101m, 3m), book.BestOffer);
        Assert.Equal(1m, book.Spread);
        Assert.Equal(Bid(99m, 2m), book.LevelAt(BookSide.Bid, 1));
        Assert.Equal(Ask(102m, 4m), book.LevelAt(BookSide.Offer, 1));
        Assert.True(book.TryGetQuote(null, out var q));
        Assert.Equal(new Quote(100m, 101m, 100.5m, T0, T0.AddMilliseconds(5)), q);
    }

    [Fact]
    public void Updates_set_absolute_sizes_insert_levels_and_zero_deletes()
    {
        var book = new OrderBook("BTC-USD");
        book.Apply(Snapshot(Bid(100m, 1m), Bid(99m, 2m), Ask(101m, 3m), Ask(102m, 4m)));

        Assert.Equal(BookApplyOutcome.UpdateApplied, book.Apply(Update(1, Bid(100m, 5m), Bid(100.5m, 0.1m), Ask(101m, 0m), Ask(103m, 1m))));

        Assert.Equal(Bid(100.5m, 0.1m), book.BestBid);
        Assert.Equal(Bid(100m, 5m), book.LevelAt(BookSide.Bid, 1));
        Assert.Equal(Ask(102m, 4m), book.BestOffer);
        Assert.Equal((3, 2), (book.BidCount, book.OfferCount));
        Assert.Equal(1.5m, book.Spread);
        Assert.True(book.TryGetQuote(100.7m, out var q));
        Assert.Equal((100.5m, 102m, 100.7m, T0.AddSeconds(1)), (q.Bid, q.Ask, q.Last, q.TsEvent));
    }

    [Fact]
    public void Deleting_an_absent_level_changes_nothing()
    {
        var book = new OrderBook("BTC-USD");
        book.Apply(Snapshot(Bid(100m, 1m), Ask(101m, 3m)));
        book.Apply(Update(1, Bid(98m, 0m), Ask(150m, 0m)));
        Assert.Equal((1, 1), (book.BidCount, book.OfferCount));
    }

    [Fact]
    public void Updates_before_the_first_snapshot_are_ignored_and_counted()
    {
        var book = new OrderBook("BTC-USD");
        Assert.Equal(BookApplyOutcome.IgnoredAwaitingSnapshot, book.Apply(Update(1, Bid(100m, 1m))));
        Assert.Equal(1, book.UpdatesIgnored);
        Assert.Equal(0, book.BidCount);
        Assert.False(book.TryGetQuote(null, out _));
    }

    [Fact]
    public void Crossed_book_gives_no_quote_until_the_cross_clears()
    {
        var book = new OrderBook("BTC-USD");
        book.Apply(Snapshot(Bid(100m, 1m), Ask(101m, 3m)));
        book.Apply(Update(1, Bid(101.5m, 1m)));

        Assert.True(book.IsCrossed);
        Assert.False(book.TryGetQuote(null, out _));

        book.Apply(Update(2, Bid(101.5m, 0m)));
        Assert.False(book.IsCrossed);
        Assert.True(book.TryGetQuote(null, out var q));
        Assert.Equal((100m, 101m), (q.Bid, q.Ask));
    }

    [Fact]
    public void Resync_drops_levels_ignores_updates_and_a_fresh_snapshot_rebuilds()
    {
        var book = new OrderBook("BTC-USD");
        book.Apply(Snapshot(Bid(100m, 1m), Bid(99m, 1m), Ask(101m, 3m)));
        book.MarkForResync();

        Assert.Equal(BookState.AwaitingSnapshot, book.State);
        Assert.False(book.TryGetQuote(null, out _));
        Assert.Equal(BookApplyOutcome.IgnoredAwaitingSnapshot, book.Apply(Update(1, Bid(100.2m, 1m))));

        book.Apply(Snapshot(Bid(200m, 1m), Ask(201m, 1m)));
        Assert.Equal(BookState.Live, book.State);
        Assert.Equal((1, 1), (book.BidCount, book.OfferCount));
        Assert.Equal(Bid(200m, 1m), book.BestBid);
    }

    [Fact]
    public void Unsorted_snapshot_with_a_repeated_price_keeps_the_later_size()
    {
        var book = new OrderBook("BTC-USD");
        book.Apply(Snapshot(Bid(99m, 1m), Bid(100m, 1m), Bid(99m, 7m), Ask(102m, 1m), Ask(101m, 2m), Ask(101.5m, 0m)));
        Assert.Equal(Bid(100m, 1m), book.BestBid);
        Assert.Equal(Bid(99m, 7m), book.LevelAt(BookSide.Bid, 1));
        Assert.Equal(Ask(101m, 2m), book.BestOffer);
        Assert.Equal((2, 2), (book.BidCount, book.OfferCount));
    }

    [Fact]
    public void Events_for_another_product_are_refused()
    {
        var book = new OrderBook("ETH-USD");
        Assert.Equal(BookApplyOutcome.WrongProduct, book.Apply(Snapshot(Bid(1m, 1m))));
    }

    [Fact]
    public void Recorded_snapshot_then_its_top_moves()
    {
        var parser = new CoinbaseFrameParser();
        var books = new OrderBookSet();
        parser.Parse(Samples.Bytes("ws-recorded-level2-snapshot-truncated.json"), T0);
        foreach (var e in parser.Events) books.Observe(e);

        var book = books.Get("BTC-USD")!;
        Assert.Equal(Bid(83277.25m, 0.00715626m), book.BestBid);
        Assert.Equal(Ask(83277.26m, 0.01110256m), book.BestOffer);
        Assert.Equal(0.01m, book.Spread);
        Assert.Equal((10, 10), (book.BidCount, book.OfferCount));
        Assert.Equal(Bid(83266.66m, 0.19188195m), book.LevelAt(BookSide.Bid, 9));

        parser.Parse(Samples.Bytes("ws-recorded-market-trades-update-2.json"), T0);
        foreach (var e in parser.Events) books.Observe(e);
        Assert.True(books.TryGetQuote("BTC-USD", out var quote));
        Assert.Equal((83277.25m, 83277.26m, 83320.66m), (quote.Bid, quote.Ask, quote.Last));

        books.MarkAllForResync();
        Assert.False(books.TryGetQuote("BTC-USD", out _));
    }

    [Fact]
    public void A_full_depth_snapshot_loads_and_updates_near_the_top_stay_cheap()
    {
        var levels = new List<BookLevel>();
        for (var i = 0; i < 25_000; i++) levels.Add(Bid(50_000m - i * 0.01m, 1m));
        for (var i = 0; i < 10_000; i++) levels.Add(Ask(50_000.01m + i * 0.01m, 1m));
        var book = new OrderBook("BTC-USD");
        book.Apply(new BookEvent("BTC-USD", true, levels, T0, T0));
        Assert.Equal((25_000, 10_000), (book.BidCount, book.OfferCount));

        for (var i = 0; i < 20_000; i++)
            book.Apply(Update(1, Bid(49_999.99m - (i % 7) * 0.01m, i % 3), Ask(50_000.01m + (i % 5) * 0.01m, (i % 4) + 1)));
        Assert.Equal(Bid(50_000m, 1m), book.BestBid);
        Assert.Equal(50_000.01m, book.BestOffer!.Value.Price);
    }

    [Fact]
    public void Matches_a_sorted_dictionary_model_for_random_updates()
    {
        var gen = Gen.Select(Gen.Bool, Gen.Int[1, 40], Gen.Int[0, 3]).Array[1, 200];
        gen.Sample(ops =>
        {
            var book = new OrderBook("BTC-USD");
            book.Apply(Snapshot(Bid(10m, 1m), Ask(30m, 1m)));
            var bids = new SortedDictionary<decimal, decimal> { [10m] = 1m };
            var asks = new SortedDictionary<decimal, decimal> { [30m] = 1m };
            foreach (var (isBid, tick, size) in ops)
            {
                var price = tick * 0.5m;
                book.Apply(Update(1, new BookLevel(isBid ? BookSide.Bid : BookSide.Offer, price, size)));
                var model = isBid ? bids : asks;
                if (size == 0) model.Remove(price);
                else model[price] = size;
            }
            Assert.Equal((bids.Count, asks.Count), (book.BidCount, book.OfferCount));
            var i = 0;
            foreach (var (p, s) in bids.Reverse()) Assert.Equal(Bid(p, s), book.LevelAt(BookSide.Bid, i++));
            i = 0;
            foreach (var (p, s) in asks) Assert.Equal(Ask(p, s), book.LevelAt(BookSide.Offer, i++));
        }, iter: 2000);
    }
}
