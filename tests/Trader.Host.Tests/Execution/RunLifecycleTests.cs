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
    public async Task Each_cycle_of_a_paper_run_reprices_then_falls_back_after_the_fill_poll()
    {
        using var dir = new TempDir("run-lifecycle");
        var clock = VirtualTime.Create();
        var config = ConfigLoader.Load(ConfigFixture.CopyShipped(dir.Path)).Config!;
        using var store = StateStore.Open(dir.File("state.db"));
        var market = new MarketState(StalenessSettings.From(config.Policy.CircuitBreakers));
        var info = ProductInfo.DefaultUsd(Product);
        market.ApplyStatus(new StatusEvent(Product, ProductStatus.Online, null, info, clock.Now, clock.Now));
        void Touch(decimal bid, decimal ask)
        {
            market.ApplyQuote(new QuoteVerdict(Product, new Quote(bid, ask, (bid + ask) / 2m, clock.Now, clock.Now), null, 0));
            market.ApplyCandle(new ProductCandle(Product, new Candle(clock.Now - Candle.Length, bid, ask, bid, bid, 10m)));
        }
        Touch(59_990m, 60_000m);
        var inputs = new ExecutionInputs(TradingMode.Paper, new VenueChoice(VenueKind.Paper), config, dir.Path, null, TraderClock.Virtual(clock), store,
            market, [Product], new KillSwitch(), _ => { }, new StateJournalSink(store.Journal), Serilog.Core.Logger.None);
        var (setup, problem) = await ExecutionSetup.CreateAsync(inputs, CancellationToken.None);
        Assert.Null(problem);
        await using var execution = setup!;
        await execution.StartAsync(CancellationToken.None);

        var sized = OrderSizer.FromPolicy(config.Policy).SizeBuy(info, 300m, 300m, 59_990m, LiquidityRole.Maker).Order!;
        var proposal = new TradeProposal(Product, OrderSide.Buy, ProposalKind.Entry, 1m, 10m, 12m, 0.5m, null, "test", null, null, null);
        await execution.Port.SubmitAsync(new ApprovedOrder(proposal, sized, sized.Notional, false, "test"), new CycleTick(1, clock.Now), CancellationToken.None);
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
}
