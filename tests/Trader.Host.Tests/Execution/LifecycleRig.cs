using System.Text;
using System.Text.Json.Nodes;
using Trader.Domain.Decisions;
using Trader.Domain.Market;
using Trader.Domain.Rules;
using Trader.Domain.Sizing;
using Trader.Domain.Trading;
using Trader.Host.Execution;
using Trader.Pipeline.Clock;
using Trader.Pipeline.Safety;
using Trader.State.Orders;
using Trader.State.Storage;
using Trader.Testing;

namespace Trader.Host.Tests.Execution;

/// <summary>
/// An order manager and the <see cref="WorkingOrderLifecycle"/> over one venue on a virtual clock: the embedded
/// simulator (real REST client over 127.0.0.1 sockets; the clock stands still during each request), the paper
/// venue, or a <see cref="ScriptedVenue"/>. The market view the lifecycle reads is the quote set by <see cref="Book"/>
/// (the simulator's book follows it), fresh unless <see cref="QuoteStale"/>. BTC-USD is in tier_1_core (budget key T1: 20 bps).
/// <see cref="CycleAsync"/> is one cycle of <c>trader run</c>'s execution: reconcile working orders, then the lifecycle.
/// </summary>
internal sealed class LifecycleRig : IAsyncDisposable
{
    public const string Product = "BTC-USD";

    public static readonly LifecycleSettings DefaultSettings = new(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(60), TakerFallback: true,
        new Dictionary<string, decimal> { ["T1"] = 20m, ["T2"] = 40m, ["default"] = 60m });

    private readonly TempDir _dir = new("lifecycle");
    private readonly Func<IOrderVenue, IOrderVenue> _wrap;
    private long _cycle;
    private Quote _quote;

    private LifecycleRig(VirtualClock clock, IOrderVenue venue, ProductInfo info, LifecycleSettings settings, Func<IOrderVenue, IOrderVenue>? wrap)
    {
        Clock = clock;
        BaseVenue = venue;
        Info = info;
        Settings = settings;
        _wrap = wrap ?? (v => v);
        State = StateStore.Open(_dir.File("state.db"));
        Compose();
    }

    public VirtualClock Clock { get; }
    public IOrderVenue BaseVenue { get; }
    public ProductInfo Info { get; }
    public LifecycleSettings Settings { get; }
    public OrderSizer Sizer { get; } = new(40m, 60m, 1m);
    public KillSwitch Kill { get; } = new();
    public StateStore State { get; private set; }
    public OrderManager Manager { get; private set; } = null!;
    public WorkingOrderLifecycle Lifecycle { get; private set; } = null!;
    public EmbeddedSimulatorVenue? Sim { get; private init; }
    public PaperVenue? Paper { get; private init; }
    public List<SubmitResult> Replacements { get; } = [];
    public bool QuoteStale { get; set; }
    public ProductHealth Health { get; set; } = ProductHealth.Online;

    public static async Task<LifecycleRig> SimulatorAsync(LifecycleSettings? settings = null, Func<IOrderVenue, IOrderVenue>? wrap = null)
    {
        var clock = VirtualTime.Create();
        var sim = await EmbeddedSimulatorVenue.StartAsync(new EmbeddedSimulatorSettings(clock.TimeProvider)
        {
            Balances = new Dictionary<string, decimal> { ["USD"] = 100_000m, ["BTC"] = 1m },
        });
        sim.Ingest(L2(59_990m, 60_000m));
        var p = (await sim.Client.GetProductAsync(Product)).Value;
        var info = new ProductInfo(p.ProductId, "BTC", "USD", p.BaseIncrement, p.QuoteIncrement, p.PriceIncrement ?? p.QuoteIncrement, p.BaseMinSize, p.QuoteMinSize);
        var rig = new LifecycleRig(clock, sim.Venue, info, settings ?? DefaultSettings, wrap) { Sim = sim };
        rig._quote = new Quote(59_990m, 60_000m, 59_995m, clock.Now, clock.Now);
        return rig;
    }

    public static LifecycleRig WithPaper(LifecycleSettings? settings = null)
    {
        var clock = VirtualTime.Create();
        LifecycleRig? rig = null;
        var dir = new TempDir("paper-venue");
        var paper = new PaperVenue(dir.File("paper.db"), _ => rig!._quote, 0.004m, 0.006m, clock.TimeProvider,
            new Dictionary<string, decimal> { ["USD"] = 100_000m });
        rig = new LifecycleRig(clock, paper, Usd(), settings ?? DefaultSettings, null) { Paper = paper, _paperDir = dir };
        rig._quote = new Quote(59_990m, 60_000m, 59_995m, clock.Now, clock.Now);
        return rig;
    }

    public static LifecycleRig WithScripted(LifecycleSettings? settings = null)
    {
        var clock = VirtualTime.Create();
        var rig = new LifecycleRig(clock, new ScriptedVenue(clock.TimeProvider), Usd(), settings ?? DefaultSettings, null);
        rig._quote = new Quote(59_990m, 60_000m, 59_995m, clock.Now, clock.Now);
        return rig;
    }

    private TempDir? _paperDir;

    public ScriptedVenue Scripted => (ScriptedVenue)BaseVenue;

    /// <summary>Moves the touch (the simulator's book: 1 BTC at each).</summary>
    public void Book(decimal bid, decimal ask)
    {
        _quote = new Quote(bid, ask, (bid + ask) / 2m, Clock.Now, Clock.Now);
        if (Sim is not null && !Sim.Ingest(L2(bid, ask))) throw new InvalidOperationException("the simulator refused the book");
    }

    public async Task<OrderRecord> BuyAsync(decimal notional)
    {
        var order = Sizer.SizeBuy(Info, notional, notional, _quote.Bid, LiquidityRole.Maker).Order!;
        var result = await Manager.SubmitAsync(Approve(order), ++_cycle, CancellationToken.None);
        return State.Orders.Get(result.ClientOrderId!)!;
    }

    public async Task<OrderRecord> SellAsync(decimal baseSize)
    {
        var order = Sizer.SizeSell(Info, baseSize, _quote.Ask, LiquidityRole.Maker).Order!;
        var result = await Manager.SubmitAsync(Approve(order), ++_cycle, CancellationToken.None);
        return State.Orders.Get(result.ClientOrderId!)!;
    }

    /// <summary>Advances the clock, then one cycle's execution start: the working-order reconcile and the lifecycle.</summary>
    public async Task<LifecycleSummary> CycleAsync(TimeSpan advance)
    {
        Clock.AdvanceBy(advance);
        var cycle = ++_cycle;
        await Manager.ReconcileWorkingAsync(cycle, CancellationToken.None);
        return await Lifecycle.RunAsync(cycle, CancellationToken.None);
    }

    /// <summary>A process restart: the state database reopened, a new manager and lifecycle over it.</summary>
    public void Restart()
    {
        var path = State.Path;
        State.Dispose();
        State = StateStore.Open(path);
        Compose();
    }

    public IReadOnlyList<OrderRecord> Orders() => State.Orders.CreatedSince(DateTimeOffset.MinValue);

    public IReadOnlyList<Trader.State.Journal.DecisionEntry> Journal() =>
        Enumerable.Range(0, (int)_cycle + 1).SelectMany(c => State.Journal.ForCycle(c)).ToList();

    private void Compose()
    {
        var venue = _wrap(BaseVenue);
        Manager = new OrderManager(State, venue, Sizer,
            new ExecutionSettings("trdr", TradingMode.Paper, ExecutionOrderType.LimitPostOnly, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2)),
            Clock.TimeProvider, id => id == Product ? Info : null, null, new Random(3));
        var port = new OrderManagerExecutionPort(Manager, Kill, new Trader.Host.Runtime.StateJournalSink(State.Journal), Clock.TimeProvider);
        Lifecycle = new WorkingOrderLifecycle(Manager, State, Settings, View, id => id == Product ? "tier_1_core" : null, port.BlockedBy,
            Clock.TimeProvider, Replacements.Add);
    }

    private ProductMarketView? View(string productId) => productId != Product ? null
        : new ProductMarketView(Product, _quote, null, 1_000_000m, Info, Health, QuoteStale, OhlcvStale: false);

    private static ProductInfo Usd() => new(Product, "BTC", "USD", 0.00000001m, 0.01m, 0.01m, 0.00001m, 1m);

    private static ApprovedOrder Approve(SizedOrder order) => new(
        new TradeProposal(order.ProductId, order.Side, order.Side == OrderSide.Buy ? ProposalKind.Entry : ProposalKind.Exit,
            1m, 10m, 12m, 0.5m, null, "test", null, order.Side == OrderSide.Sell ? order.BaseSize : null, null),
        order, order.Notional, false, "test");

    private static ReadOnlyMemory<byte> L2(decimal bid, decimal ask)
    {
        var updates = new JsonArray();
        foreach (var (side, price) in new[] { ("bid", bid), ("offer", ask) })
            updates.Add(new JsonObject { ["side"] = side, ["event_time"] = "2025-01-06T12:00:00Z", ["price_level"] = price.ToString(System.Globalization.CultureInfo.InvariantCulture), ["new_quantity"] = "1" });
        var frame = new JsonObject
        {
            ["channel"] = "l2_data", ["timestamp"] = "2025-01-06T12:00:00Z", ["sequence_num"] = 0,
            ["events"] = new JsonArray { new JsonObject { ["type"] = "snapshot", ["product_id"] = Product, ["updates"] = updates } },
        };
        return Encoding.UTF8.GetBytes(frame.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        State.Dispose();
        Paper?.Dispose();
        _paperDir?.Dispose();
        if (Sim is not null) await Sim.DisposeAsync();
        _dir.Dispose();
    }
}
