using Trader.Domain.Config;
using Trader.Domain.Decisions;
using Trader.Domain.Market;
using Trader.Domain.Rules;
using Trader.Domain.Sizing;
using Trader.Domain.Trading;
using Trader.Host.Configuration;
using Trader.Host.Execution;
using Trader.Host.Runtime;
using Trader.Pipeline.Candles;
using Trader.Pipeline.Clock;
using Trader.Pipeline.Guards;
using Trader.Pipeline.Market;
using Trader.Pipeline.Safety;
using Trader.Pipeline.Scheduling;
using Trader.State.Fills;
using Trader.State.Orders;
using Trader.State.Storage;
using Trader.Testing;

namespace Trader.Host.Tests.Execution;

/// <summary>
/// <c>trader run</c>'s execution composition (<see cref="ExecutionSetup"/>, PAPER on the paper venue, the shipped
/// config) runs the working-order lifecycle at the start of every cycle after the fill poll: a post-only entry is
/// re-priced at the TTL and taken by a limit IOC within tier_1_core's T1 budget (20 bps) at cancel_after.
/// </summary>
public sealed class RunLifecycleTests
{
    private const string Product = "BTC-USD";

    [Fact]
    [Trait("Req", "REQ-X2")]
    public async Task Between_cycles_a_post_only_entry_is_repriced_within_the_check_interval_of_its_ttl()
    {
        await using var rig = await PaperRunRig.StartAsync();
        var (clock, store, execution) = (rig.Clock, rig.Store, rig.Execution);
        void Touch(decimal bid, decimal ask) => rig.Touch(bid, ask);
        var started = clock.Now;

        // Placed 2 s after the start, so the TTL (15 s, shipped config) falls between two 5 s checks.
        clock.AdvanceBy(TimeSpan.FromSeconds(2));
        await rig.SubmitPostOnlyBuyAsync();
        var first = Assert.Single(store.Orders.Working());
        Touch(59_995m, 60_005m); // the bid moves away at once

        // No decision cycle runs: only the between-cycles checks at 5, 10, 15 s (too early) and 20 s (TTL passed at 17 s).
        for (var at = 5; at <= 15; at += 5)
        {
            clock.AdvanceTo(started + TimeSpan.FromSeconds(at));
            await execution.LifecycleBetweenCycles;
            Touch(59_995m, 60_005m);
            Assert.Equal(first.ClientOrderId, Assert.Single(store.Orders.Working()).ClientOrderId);
        }
        clock.AdvanceTo(started + TimeSpan.FromSeconds(20));
        await execution.LifecycleBetweenCycles;
        var repriced = Assert.Single(store.Orders.Working());
        Assert.Equal((first.ClientOrderId, 59_995m), (repriced.ParentClientOrderId, repriced.Price));
        Assert.Equal(TimeSpan.FromSeconds(18), repriced.CreatedTs - first.CreatedTs);
        Assert.True(repriced.CreatedTs - first.CreatedTs - TimeSpan.FromSeconds(15) <= ExecutionSetup.LifecycleCheckInterval);
    }

    [Fact]
    [Trait("Req", "REQ-X2")]
    public async Task Each_cycle_of_a_paper_run_reprices_then_falls_back_after_the_fill_poll()
    {
        await using var rig = await PaperRunRig.StartAsync();
        var (clock, store, execution) = (rig.Clock, rig.Store, rig.Execution);
        void Touch(decimal bid, decimal ask) => rig.Touch(bid, ask);

        await rig.SubmitPostOnlyBuyAsync();
        var first = Assert.Single(store.Orders.Working());
        var start = first.CreatedTs;

        clock.AdvanceBy(TimeSpan.FromSeconds(15));
        Touch(59_995m, 60_005m);
        await execution.BeforeCycleAsync(new CycleTick(2, clock.Now), CancellationToken.None);
        var repriced = Assert.Single(store.Orders.Working());
        Assert.Equal((first.ClientOrderId, 59_995m, first.Size), (repriced.ParentClientOrderId, repriced.Price, repriced.Size));
        Assert.Equal(TimeSpan.FromSeconds(15), repriced.CreatedTs - start);

        clock.AdvanceBy(TimeSpan.FromSeconds(45));
        Touch(59_995m, 60_005m);
        await execution.BeforeCycleAsync(new CycleTick(3, clock.Now), CancellationToken.None);
        Assert.Empty(store.Orders.Working());
        var ioc = store.Orders.ReplacementOf(repriced.ClientOrderId)!;
        Assert.Equal(TimeSpan.FromSeconds(60), ioc.CreatedTs - start);
        Assert.Equal(("limit_ioc", OrderStatus.Filled), (ioc.OrderType, ioc.Status));
        Assert.True(ioc.Price <= 60_005m * 1.002m, $"IOC limit {ioc.Price} is beyond T1's 20 bps over the ask");
        var fill = Assert.Single(store.Fills.ForOrder(ioc.ClientOrderId));
        Assert.Equal((60_005m, Liquidity.Taker), (fill.Price, fill.Liquidity));
    }

    /// <summary>PAPER on the paper venue with the shipped config, the touch at 59,990 / 60,000, started (reconciled).</summary>
    private sealed class PaperRunRig : IAsyncDisposable
    {
        private readonly TempDir _dir = new("run-lifecycle");
        private readonly MarketState _market;

        private PaperRunRig()
        {
            Config = ConfigLoader.Load(ConfigFixture.CopyShipped(_dir.Path)).Config!;
            Store = StateStore.Open(_dir.File("state.db"));
            _market = new MarketState(StalenessSettings.From(Config.Policy.CircuitBreakers));
        }

        public VirtualClock Clock { get; } = VirtualTime.Create();
        public TraderConfig Config { get; }
        public StateStore Store { get; }
        public ProductInfo Info { get; } = ProductInfo.DefaultUsd(Product);
        public ExecutionSetup Execution { get; private set; } = null!;

        public static async Task<PaperRunRig> StartAsync()
        {
            var rig = new PaperRunRig();
            rig._market.ApplyStatus(new StatusEvent(Product, ProductStatus.Online, null, rig.Info, rig.Clock.Now, rig.Clock.Now));
            rig.Touch(59_990m, 60_000m);
            var inputs = new ExecutionInputs(TradingMode.Paper, new VenueChoice(VenueKind.Paper), rig.Config, rig._dir.Path, null,
                TraderClock.Virtual(rig.Clock), rig.Store, rig._market, [Product], new KillSwitch(), _ => { }, new StateJournalSink(rig.Store.Journal),
                Serilog.Core.Logger.None);
            var (setup, problem) = await ExecutionSetup.CreateAsync(inputs, CancellationToken.None);
            Assert.Null(problem);
            rig.Execution = setup!;
            await setup!.StartAsync(CancellationToken.None);
            return rig;
        }

        /// <summary>A 300 USD post-only buy at the bid of 59,990, through the execution port as a cycle would send it.</summary>
        public async Task SubmitPostOnlyBuyAsync()
        {
            var sized = OrderSizer.FromPolicy(Config.Policy).SizeBuy(Info, 300m, 300m, 59_990m, LiquidityRole.Maker).Order!;
            var proposal = new TradeProposal(Product, OrderSide.Buy, ProposalKind.Entry, 1m, 10m, 12m, 0.5m, null, "test", null, null, null);
            await Execution.Port.SubmitAsync(new ApprovedOrder(proposal, sized, sized.Notional, false, "test"), new CycleTick(1, Clock.Now), CancellationToken.None);
        }

        public void Touch(decimal bid, decimal ask)
        {
            _market.ApplyQuote(new QuoteVerdict(Product, new Quote(bid, ask, (bid + ask) / 2m, Clock.Now, Clock.Now), null, 0));
            _market.ApplyCandle(new ProductCandle(Product, new Candle(Clock.Now - Candle.Length, bid, ask, bid, bid, 10m)));
        }

        public async ValueTask DisposeAsync()
        {
            if (Execution is not null) await Execution.DisposeAsync();
            Store.Dispose();
            _dir.Dispose();
        }
    }
}
