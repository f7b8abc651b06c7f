using Trader.Coinbase.Rest;
using Trader.Domain.Sizing;
using Trader.Host.Execution;
using Trader.State.Orders;

namespace Trader.EndToEnd.Tests.Execution;

/// <summary>
/// REQ-X3 as a property near the minimum notional: for random targets of $0.50–$2.50 and prices, what the one sizer
/// answers for risk is exactly what execution places (size and price), and the simulator books every such order.
/// </summary>
public sealed class SizingConsistencyTests
{
    [Fact]
    [Trait("Req", "REQ-X3")]
    public async Task Near_min_notional_execution_places_exactly_what_the_sizer_answered_risk_and_the_venue_accepts_it()
    {
        await using var h = await ExecutionHarness.StartAsync();
        var manager = h.Manager(ExecutionOrderType.LimitPostOnly);
        var random = new Random(31337);
        int accepted = 0, refused = 0;
        for (var i = 0; i < 40; i++)
        {
            var target = Math.Round(0.5m + (decimal)random.NextDouble() * 2m, 2);
            var cap = random.Next(2) == 0 ? target : target + Math.Round((decimal)random.NextDouble(), 2); // no headroom: no bump
            var price = Math.Round(30000m + (decimal)random.NextDouble() * 29000m, 2);
            var risk = h.Sizer.SizeBuy(h.Info, target, cap, price, LiquidityRole.Maker);
            if (!risk.IsAccepted)
            {
                refused++;
                Assert.Equal("below_min_notional", risk.ReasonCode);
                continue;
            }
            accepted++;
            var sized = risk.Order!;
            Assert.True(sized.NetNotional >= 1m, $"net {sized.NetNotional} below the $1 minimum");

            var result = await h.Run(() => manager.SubmitAsync(ExecutionHarness.Approve(sized), i, CancellationToken.None));
            Assert.Equal(OrderStatus.Open, result.Status);
            var row = h.State.Orders.Get(result.ClientOrderId!)!;
            Assert.Equal(sized.BaseSize, row.Size);
            Assert.Equal(sized.Price, row.Price);
            var onVenue = (await h.Run(() => h.Client.GetOrderAsync(result.VenueOrderId!))).Value;
            Assert.Equal(sized.BaseSize, onVenue.OrderConfiguration!.LimitLimitGtc!.BaseSize);
            Assert.Equal(sized.Price, onVenue.OrderConfiguration.LimitLimitGtc.LimitPrice);
        }
        Assert.True(accepted >= 5 && refused >= 3, $"the cases should straddle the minimum: {accepted} accepted, {refused} refused");
    }
}
