using Trader.Domain.Config;
using Trader.Domain.Market;
using Trader.Domain.Triggers;
using Trader.Pipeline.Candles;
using Trader.Pipeline.Clock;
using Trader.Pipeline.Guards;
using Trader.Pipeline.Market;

namespace Trader.Bench.Decisions;

/// <summary>
/// N synthetic online products (all in tier 1) drifting on a seeded random walk: each <see cref="Minute"/> advances
/// the virtual clock one minute and gives every product one closed candle, a fresh quote and a ticker, into a
/// <see cref="MarketState"/> and to <see cref="CandleClosed"/>. Shared by the decision-cycle harness and the
/// pure-policy BenchmarkDotNet class so both measure the same world.
/// </summary>
internal sealed class SyntheticMarket
{
    private readonly Random _random;
    private readonly Dictionary<string, decimal> _prices;
    private readonly Dictionary<string, double> _drifts;

    public SyntheticMarket(int productCount, int seed)
    {
        Ids = Enumerable.Range(0, productCount).Select(i => $"P{i:D3}-USD").ToArray();
        Config = ConfigFor(Ids);
        Clock = new VirtualClock(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero));
        State = new MarketState(StalenessSettings.Default);
        _random = new Random(seed);
        _prices = Ids.ToDictionary(id => id, _ => 10m + (decimal)_random.NextDouble() * 990m, StringComparer.Ordinal);
        _drifts = Ids.ToDictionary(id => id, _ => (_random.NextDouble() - 0.5) * 0.004, StringComparer.Ordinal);
        foreach (var id in Ids)
            State.ApplyStatus(new StatusEvent(id, ProductStatus.Online, null, null, Clock.Now, Clock.Now));
    }

    public string[] Ids { get; }

    public TraderConfig Config { get; }

    public VirtualClock Clock { get; }

    public MarketState State { get; }

    public event Action<ProductCandle>? CandleClosed;

    public void Minute()
    {
        var start = Clock.Now;
        Clock.AdvanceTo(start + Candle.Length);
        foreach (var id in Ids)
        {
            var open = _prices[id];
            var close = decimal.Round(open * (decimal)(1.0 + _drifts[id] + (_random.NextDouble() - 0.5) * 0.002), 4);
            _prices[id] = close;
            var candle = new ProductCandle(id, new Candle(start, open, Math.Max(open, close), Math.Min(open, close), close, 100m + _random.Next(0, 50)));
            State.ApplyCandle(candle);
            CandleClosed?.Invoke(candle);
            var half = decimal.Round(close * 0.0001m, 4);
            State.ApplyQuote(new QuoteVerdict(id, new Quote(close - half, close + half, close, Clock.Now, Clock.Now), null, 0));
            State.ApplyTicker(new TickerEvent(id, close, close - half, 1m, close + half, 1m, 100_000_000m / close, Clock.Now, Clock.Now));
        }
    }

    /// <summary>An indicator book fed every candle this market closes from now on.</summary>
    public IndicatorBook FollowWithIndicators()
    {
        var book = new IndicatorBook(IndicatorSettings.From(Config));
        CandleClosed += c => book.Update(c.ProductId, c.Candle);
        return book;
    }

    private static TraderConfig ConfigFor(string[] ids)
    {
        var config = new TraderConfig();
        var tiers = new Dictionary<string, TierConfig>(config.Universe.Tiers)
        {
            ["tier_1_core"] = config.Universe.Tiers["tier_1_core"] with { Symbols = ids },
        };
        return config with
        {
            Universe = config.Universe with { Tiers = tiers, Universe = config.Universe.Universe with { MaxUniverseSize = ids.Length } },
        };
    }
}
