using Trader.Domain.Config;
using Trader.Domain.Decisions;
using Trader.Domain.Market;
using Trader.Domain.Trading;
using Trader.Domain.Triggers;
using Trader.Pipeline.Clock;
using Trader.Pipeline.Decisions;
using Trader.Pipeline.Execution;
using Trader.Pipeline.Guards;
using Trader.Pipeline.Market;
using Trader.Pipeline.Scheduling;
using Trader.Testing;

namespace Trader.Pipeline.Tests.Decisions;

/// <summary>
/// The real market-data and decision stages on one virtual clock, DRY_RUN: MarketFeedProcessor → MarketState and
/// closed candles → DecisionPipeline, cycles from a seeded JitteredCycleScheduler, an in-memory journal and the
/// DryRunExecutionPort (or a port the test provides). <see cref="RunAsync"/> steps the clock one due item at a
/// time and waits for each started cycle, so runs are deterministic.
/// </summary>
internal sealed class DecisionHarness : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(60);

    private int _tradeId;

    public DecisionHarness(int seed = 7, Func<DecisionHarness, IExecutionPort>? port = null, DateTimeOffset? start = null, TraderConfig? config = null)
    {
        Config = config ?? new TraderConfig();
        Clock = VirtualTime.Create(start ?? VirtualTime.Epoch);
        State = new MarketState(StalenessSettings.Default);
        Feed = new MarketFeedProcessor(State, Clock, StalenessSettings.Default, OutlierSettings.Default,
            SpreadLimits.FromConfig(Config.Universe, Config.Policy.Liquidity));
        DryRun = new DryRunExecutionPort(Journal, Clock.TimeProvider);
        Pipeline = new DecisionPipeline(new DecisionEngine(Config), new IndicatorBook(IndicatorSettings.From(Config)), State,
            Portfolio, Journal, port?.Invoke(this) ?? DryRun, Clock.TimeProvider, Log.Add, Digest.Add);
        Pipeline.SubscribeCandles(Feed.Candles);
        Scheduler = new JitteredCycleScheduler(Clock, Interval, 10m, seed, async tick => Results.Add(await Pipeline.RunCycleAsync(tick)));
        Pipeline.CountSkipsOf(Scheduler);
    }

    public TraderConfig Config { get; }
    public VirtualClock Clock { get; }
    public MarketState State { get; }
    public MarketFeedProcessor Feed { get; }
    public InMemoryDecisionJournal Journal { get; } = new();
    public SettablePortfolioSource Portfolio { get; } = new();
    public DryRunExecutionPort DryRun { get; }
    public DecisionPipeline Pipeline { get; }
    public JitteredCycleScheduler Scheduler { get; }
    public List<string> Log { get; } = [];
    public List<string> Digest { get; } = [];
    public List<CycleResult> Results { get; } = [];

    /// <summary>Once this completes, stepping the clock no longer waits for the cycle in flight (to let one hang).</summary>
    public Task StopWaitingWhen { get; set; } = new TaskCompletionSource().Task;

    /// <summary>Steps the clock to <paramref name="until"/>, waiting for every cycle it starts.</summary>
    public async Task AdvanceToAsync(DateTimeOffset until)
    {
        while (Clock.NextDue is { } due && due <= until)
        {
            Clock.AdvanceTo(due);
            await Task.WhenAny(Scheduler.Running, StopWaitingWhen);
        }
        if (Clock.Now < until) Clock.AdvanceTo(until);
    }

    /// <summary>
    /// Synthetic feed for <paramref name="minutes"/> minutes: every 2 s (quotes stay fresher than the 5 s limit), per product, a ticker (2 bps spread,
    /// 24 h volume worth ≈ 50 M USD) and a trade at the price <paramref name="price"/> gives for that instant.
    /// </summary>
    public async Task RunAsync(int minutes, IReadOnlyList<string> products, Func<string, TimeSpan, decimal> price)
    {
        var origin = Clock.Now;
        var step = TimeSpan.FromSeconds(2);
        for (var t = step; t <= TimeSpan.FromMinutes(minutes); t += step)
        {
            await AdvanceToAsync(origin + t);
            foreach (var product in products)
                Publish(product, decimal.Round(price(product, Clock.Now - VirtualTime.Epoch), 2));
        }
    }

    public void Publish(string product, decimal price)
    {
        var now = Clock.Now;
        var half = decimal.Round(price * 0.0001m, 2);
        Feed.OnEvent(new TickerEvent(product, price, price - half, 1m, price + half, 1m, 50_000_000m / price, now, now));
        Feed.OnEvent(new TradeEvent(product, (++_tradeId).ToString(System.Globalization.CultureInfo.InvariantCulture),
            price, 0.5m, OrderSide.Sell, now, now));
    }

    /// <summary>Marks products online, as the status channel does first.</summary>
    public void Online(params string[] products)
    {
        foreach (var product in products)
            Feed.OnEvent(new StatusEvent(product, ProductStatus.Online, null, null, Clock.Now, Clock.Now));
    }

    /// <summary>A steady rise of 0.2 % a minute from 100 (BTC 50,000, ETH 3,000 scale): the 15-minute trigger fires after 16 minutes.</summary>
    public static decimal SteadyRise(string product, TimeSpan sinceEpoch) =>
        (product == "BTC-USD" ? 50_000m : 3_000m) * (1m + 0.002m * (decimal)sinceEpoch.TotalMinutes);

    public async ValueTask DisposeAsync()
    {
        Scheduler.Stop();
        await Scheduler.Running;
        await Pipeline.CompleteAsync();
        Feed.Dispose();
    }
}
