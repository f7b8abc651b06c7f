using System.Globalization;
using Trader.Domain.Trading;
using Trader.State.Fills;
using Trader.State.Journal;
using Trader.State.Orders;
using Trader.State.Storage;

// Usage: Trader.StateCrashWriter <db-path> <seed>
// Writes forever, printing "committed <n>" after each transaction, until the test kills it (kill -9).
// "w-" orders are written whole (order + every fill + position in ONE transaction); "p-" orders are registered,
// then filled one fill per transaction, like a live order. Sells never exceed the held size.
var path = args[0];
var seed = int.Parse(args[1], CultureInfo.InvariantCulture);
var random = new Random(seed);
var products = new[] { "BTC-USD", "ETH-USD" };
var ts = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(seed);
long committed = 0;

using var store = StateStore.Open(path);
var cycle = store.Journal.Count();
Console.Out.Flush();

while (true)
{
    var product = products[random.Next(products.Length)];
    var held = store.Positions.Get(product)?.BaseSize ?? 0m;
    var fillCount = random.Next(1, 6);
    var fillSizes = Enumerable.Range(0, fillCount).Select(_ => random.Next(1, 1000) / 1000m).ToArray();
    var size = fillSizes.Sum();
    var side = held >= size && random.Next(2) == 0 ? OrderSide.Sell : OrderSide.Buy;
    var whole = random.Next(2) == 0;
    var coid = $"{(whole ? "w" : "p")}-{seed}-{committed}-{Guid.NewGuid():N}";
    ts = ts.AddSeconds(1);
    var order = new OrderRecord
    {
        ClientOrderId = coid,
        ProductId = product,
        Side = side,
        OrderType = "limit_limit_gtc",
        Price = 100m + random.Next(0, 100),
        Size = size,
        Status = OrderStatus.PendingSubmit,
        Mode = TradingMode.Paper,
        CreatedTs = ts,
        UpdatedTs = ts,
    };
    var fills = fillSizes.Select((s, i) => new FillRecord
    {
        ClientOrderId = coid,
        TradeId = $"t{i}",
        ProductId = product,
        Side = side,
        Price = 100m + random.Next(0, 10000) / 100m,
        Size = s,
        Fee = Math.Round(s * 0.006m, 8),
        Liquidity = Liquidity.Maker,
        Ts = ts.AddMilliseconds(i + 1),
    }).ToArray();

    if (whole)
    {
        store.InTransaction(() =>
        {
            store.Orders.TryRegister(order);
            foreach (var fill in fills) store.Fills.Record(fill);
            store.Journal.Append(Enumerable.Range(0, 20).Select(i => new DecisionEntry
            {
                CycleId = cycle, Ts = ts, ProductId = product, Kind = "order", Outcome = "placed",
                PayloadJson = $"{{\"client_order_id\":\"{coid}\",\"i\":{i}}}",
            }).ToList());
        });
        cycle++;
        Report(++committed);
    }
    else
    {
        store.Orders.TryRegister(order);
        Report(++committed);
        store.Orders.UpdateStatus(coid, OrderStatus.Open, ts, venueOrderId: "v-" + coid);
        Report(++committed);
        foreach (var fill in fills)
        {
            store.Fills.Record(fill);
            Report(++committed);
        }
    }
}

static void Report(long n) => Console.Out.WriteLine("committed " + n.ToString(CultureInfo.InvariantCulture));
