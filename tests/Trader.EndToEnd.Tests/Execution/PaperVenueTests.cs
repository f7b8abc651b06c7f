using Trader.Domain.Market;
using Trader.Domain.Rules;
using Trader.Domain.Sizing;
using Trader.Domain.Trading;
using Trader.Host.Execution;
using Trader.State.Orders;
using Trader.State.Storage;
using Trader.Testing;

namespace Trader.EndToEnd.Tests.Execution;

/// <summary>The paper venue behind the same order manager: fills at the quote with maker/taker fees, a wallet that survives a restart.</summary>
public sealed class PaperVenueTests
{
    private static readonly ProductInfo Btc = new("BTC-USD", "BTC", "USD", 0.00000001m, 0.01m, 0.01m, 0.00000001m, 1m);

    [Fact]
    [Trait("Req", "REQ-X2")]
    public async Task Paper_orders_fill_at_the_quote_with_fees_and_the_wallet_and_a_resting_order_survive_a_restart()
    {
        using var dir = new TempDir("paper");
        var clock = VirtualTime.Create();
        var quote = new Quote(59990m, 60000m, 60000m, clock.Now, clock.Now);
        var sizer = new OrderSizer(40m, 60m, 1m);
        var starting = new Dictionary<string, decimal> { ["USD"] = 10_000m };
        var taker = new ExecutionSettings("trdr", TradingMode.Paper, ExecutionOrderType.MarketIoc, TimeSpan.FromMinutes(60), TimeSpan.FromMinutes(120));

        string restingId;
        using (var state = StateStore.Open(dir.File("state.db")))
        using (var paper = new PaperVenue(dir.File("paper.db"), _ => quote, 0.004m, 0.006m, clock.TimeProvider, starting))
        {
            var manager = new OrderManager(state, paper, sizer, taker, clock.TimeProvider, _ => Btc);
            var buy = sizer.SizeBuy(Btc, 600m, 600m, 60000m, LiquidityRole.Taker).Order!; // 0.01 BTC
            var result = await manager.SubmitAsync(ExecutionHarness.Approve(buy), 1, CancellationToken.None);
            Assert.Equal(OrderStatus.Filled, result.Status);
            Assert.Equal(10_000m - 600m - 3.60m, paper.Balance("USD")); // 0.01 × 60000 + 0.6 % taker fee
            Assert.Equal(0.01m, paper.Balance("BTC"));
            var position = state.Positions.Get("BTC-USD")!;
            Assert.Equal((0.01m, 60000m, 3.60m), (position.BaseSize, position.AverageCost, position.Fees));

            // A post-only sell above the ask rests; one at the bid would cross and is refused by the preview.
            var maker = new OrderManager(state, paper, sizer, taker with { OrderType = ExecutionOrderType.LimitPostOnly }, clock.TimeProvider, _ => Btc);
            var crossing = await maker.SubmitAsync(ExecutionHarness.Approve(sizer.SizeSell(Btc, 0.005m, 59990m, LiquidityRole.Maker).Order!), 2, CancellationToken.None);
            Assert.Equal(OrderStatus.Rejected, crossing.Status);
            Assert.Contains(PaperVenue.PostOnlyWouldCross, crossing.Reason);
            var resting = await maker.SubmitAsync(ExecutionHarness.Approve(sizer.SizeSell(Btc, 0.005m, 61000m, LiquidityRole.Maker).Order!, ExitReason.TakeProfit), 3, CancellationToken.None);
            Assert.Equal(OrderStatus.Open, resting.Status);
            restingId = resting.ClientOrderId!;
        }

        // Restart: the wallet is still there; the market rose through the limit while we were down → maker fill.
        quote = new Quote(61005m, 61010m, 61005m, clock.Now, clock.Now);
        using (var state = StateStore.Open(dir.File("state.db")))
        using (var paper = new PaperVenue(dir.File("paper.db"), _ => quote, 0.004m, 0.006m, clock.TimeProvider, starting))
        {
            Assert.Equal(0.01m, paper.Balance("BTC"));
            var manager = new OrderManager(state, paper, sizer, taker with { OrderType = ExecutionOrderType.LimitPostOnly }, clock.TimeProvider, _ => Btc);
            var summary = await manager.ReconcileOnStartAsync(CancellationToken.None);
            Assert.Equal((1, 1, 1), (summary.Checked, summary.Filled, summary.FillsRecorded));
            Assert.Equal(OrderStatus.Filled, state.Orders.Get(restingId)!.Status);
            var position = state.Positions.Get("BTC-USD")!;
            Assert.Equal(0.005m, position.BaseSize);
            Assert.Equal(5m, position.RealizedPnl);                 // (61000 − 60000) × 0.005
            Assert.Equal(3.60m + 1.22m, position.Fees);              // + 0.005 × 61000 × 0.4 % maker
            Assert.Equal(10_000m - 603.60m + 305m - 1.22m, paper.Balance("USD"));
            Assert.Equal(0.005m, paper.Balance("BTC"));
        }
    }
}
