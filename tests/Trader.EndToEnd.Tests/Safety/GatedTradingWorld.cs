using System.Globalization;
using Trader.Coinbase.Rest.Orders;
using Trader.Domain.Config;
using Trader.Domain.Decisions;
using Trader.Domain.Market;
using Trader.Domain.Sizing;
using Trader.Domain.Trading;
using Trader.Domain.Triggers;
using Trader.EndToEnd.Tests.Execution;
using Trader.Host.Execution;
using Trader.Host.Runtime;
using Trader.Pipeline.Decisions;
using Trader.Pipeline.Guards;
using Trader.Pipeline.Market;
using Trader.Pipeline.Safety;
using Trader.Pipeline.Scheduling;
using Trader.State.Journal;

namespace Trader.EndToEnd.Tests.Safety;

/// <summary>
/// PAPER/LIVE order flow end to end on one virtual clock: a synthetic feed (ticker and trade every 2 s per product)
/// through the real MarketFeedProcessor and guards into MarketState and candles → DecisionPipeline →
/// OrderManagerExecutionPort → OrderManager → CoinbaseVenue → the in-process simulator, whose books follow the feed.
/// The account is read back by the real StatePortfolioSource (kill switch, latched halts). A BTC-USD long bought at
/// 60,000 while the feed says 50,000 wants a stop-loss exit every cycle; ETH-USD rising 0.2 % a minute triggers
/// entries once 16 minutes of history exist. Cycles run on every whole minute.
/// </summary>
internal sealed class GatedTradingWorld : IAsyncDisposable
{
    public static readonly string[] Products = ["BTC-USD", "ETH-USD"];

    private readonly Dictionary<string, decimal> _last = new(StringComparer.Ordinal);
    private long _cycle;
    private int _tradeId;

    private GatedTradingWorld(ExecutionHarness h)
    {
        H = h;
        Config = new TraderConfig { Policy = new PolicyConfig { Execution = new ExecutionSection { DefaultOrderType = "market_ioc" } } };
        var policy = Config.Policy;
        var staleness = StalenessSettings.From(policy.CircuitBreakers);
        Market = new MarketState(staleness);
        Feed = new MarketFeedProcessor(Market, h.Clock, staleness, OutlierSettings.From(policy.CircuitBreakers),
            SpreadLimits.FromConfig(Config.Universe, policy.Liquidity));
        Manager = new OrderManager(h.State, new CoinbaseVenue(h.Client, "sim"), OrderSizer.FromPolicy(policy),
            ExecutionSettings.FromPolicy(policy, ExecutionHarness.BotId, TradingMode.Live), h.Clock.TimeProvider, ProductInfo.DefaultUsd);
        Portfolio = new StatePortfolioSource(h.State, () => h.Sim.Balance("USD").Balance, p => _last.TryGetValue(p, out var price) ? price : null, Kill, policy);
        var journal = new StateJournalSink(h.State.Journal);
        Pipeline = new DecisionPipeline(new DecisionEngine(Config), new IndicatorBook(IndicatorSettings.From(Config)), Market, Portfolio, journal,
            new OrderManagerExecutionPort(Manager, Kill, journal, h.Clock.TimeProvider, Sent.Add), h.Clock.TimeProvider);
        Pipeline.SubscribeCandles(Feed.Candles);
    }

    public ExecutionHarness H { get; }
    public TraderConfig Config { get; }
    public MarketState Market { get; }
    public MarketFeedProcessor Feed { get; }
    public OrderManager Manager { get; }
    public KillSwitch Kill { get; } = new();
    public StatePortfolioSource Portfolio { get; }
    public DecisionPipeline Pipeline { get; }
    public List<SubmitResult> Sent { get; } = [];
    public List<long> Cycles { get; } = [];
    public List<CycleResult> Results { get; } = [];

    /// <summary>Starts the world and buys 0.01 BTC at the simulator's 60,000 offer: the long the stop-loss wants to exit.</summary>
    public static async Task<GatedTradingWorld> StartAsync()
    {
        var world = new GatedTradingWorld(await ExecutionHarness.StartAsync());
        var sizer = OrderSizer.FromPolicy(world.Config.Policy);
        var buy = sizer.SizeBuy(ProductInfo.DefaultUsd("BTC-USD"), 600m, 600m, 60_000m, LiquidityRole.Taker).Order!;
        var seeded = await world.H.Run(() => world.Manager.SubmitAsync(ExecutionHarness.Approve(buy), 0, CancellationToken.None));
        if (seeded.Status != Trader.State.Orders.OrderStatus.Filled) throw new InvalidOperationException($"the seed buy did not fill: {seeded.Status} {seeded.Reason}");
        world.Status(ProductStatus.Online);
        return world;
    }

    /// <summary>BTC-USD flat at 50,000 (no entry trigger: only the stop-loss exit); ETH-USD from 3,000 rising 0.2 % a minute.</summary>
    public decimal PriceOf(string product) => product == "BTC-USD"
        ? 50_000m
        : decimal.Round(3_000m * (1m + 0.002m * (decimal)(H.Clock.Now - Testing.VirtualTime.Epoch).TotalMinutes), 2);

    public void Status(ProductStatus status)
    {
        foreach (var product in Products)
            Feed.OnEvent(new StatusEvent(product, status, null, null, H.Clock.Now, H.Clock.Now));
    }

    /// <summary>
    /// Runs <paramref name="minutes"/> minutes: the feed every 2 s (unless <paramref name="publishAt"/> says no for that
    /// second of the minute), a decision cycle on each whole minute.
    /// </summary>
    public async Task RunMinutesAsync(int minutes, Func<int, bool>? publishAt = null)
    {
        var origin = H.Clock.Now;
        for (var second = 2; second <= minutes * 60; second += 2)
        {
            H.Clock.AdvanceTo(origin + TimeSpan.FromSeconds(second));
            if (publishAt?.Invoke(second % 60) != false)
                foreach (var product in Products) Publish(product);
            if (second % 60 == 0) await CycleAsync();
        }
    }

    /// <summary>Every order the simulator holds for the two products.</summary>
    public async Task<IReadOnlyList<CoinbaseOrder>> VenueOrdersAsync() =>
        (await H.Run(() => H.Client.ListOrdersAsync(new OrderListFilter(ProductIds: Products)))).Value;

    /// <summary>Every journal row of the cycles run so far.</summary>
    public IReadOnlyList<DecisionEntry> Journal() => Cycles.SelectMany(H.State.Journal.ForCycle).ToList();

    private void Publish(string product)
    {
        var now = H.Clock.Now;
        var price = PriceOf(product);
        _last[product] = price;
        var half = decimal.Round(price * 0.0001m, 2);
        Feed.OnEvent(new TickerEvent(product, price, price - half, 1m, price + half, 1m, 50_000_000m / price, now, now));
        Feed.OnEvent(new TradeEvent(product, (++_tradeId).ToString(CultureInfo.InvariantCulture), price, 0.5m, OrderSide.Sell, now, now));
    }

    private async Task CycleAsync()
    {
        // The simulator's books follow the feed so market orders fill where the decision priced them.
        foreach (var (product, price) in _last)
        {
            var step = product == "BTC-USD" ? 5m : 0.5m;
            var frame = ExecutionHarness.L2(product, [
                ("bid", S(price - step), "20"), ("bid", S(price - 2 * step), "20"),
                ("offer", S(price + step), "20"), ("offer", S(price + 2 * step), "20")]);
            if (!H.Sim.IngestFrame(frame)) throw new InvalidOperationException("the simulator rejected the book");
        }
        var id = ++_cycle;
        Cycles.Add(id);
        // Nothing in a cycle waits on the clock (no faults): it runs over real sockets while virtual time stands still.
        var result = await Pipeline.RunCycleAsync(new CycleTick(id, H.Clock.Now)).WaitAsync(TimeSpan.FromSeconds(60), TimeProvider.System);
        Results.Add(result);

        static string S(decimal value) => value.ToString(CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await Pipeline.CompleteAsync();
        Feed.Dispose();
        await H.DisposeAsync();
    }
}
