using System.Globalization;
using System.Text.Json;
using Trader.Testing;

namespace Trader.Host.Tests.Backtest;

/// <summary>
/// REQ-BT2: the JSON report of a tiny synthetic backtest against values computed by hand from the market model
/// (docs/BACKTEST.md): one round trip, entered on the +2 % move, exited at take-profit, with taker fills at the next
/// candle's open ± half the 10 bps spread ± 10 bps slippage (rounded against us to the cent) and 60 bps taker fees.
/// </summary>
public sealed class BacktestReportTests : IDisposable
{
    private readonly TempDir _dir = new("trader-bt-report-");

    public void Dispose() => _dir.Dispose();

    [Fact]
    [Trait("Req", "REQ-BT2")]
    public async Task Report_has_the_trade_pnl_fees_drawdown_exposure_and_rejections_computed_by_hand()
    {
        var candles = TinyMarket.WriteCandles(_dir.Path);
        var (exit, output, error) = await BacktestCli.Run(TinyMarket.Config(_dir.Path), _dir.File("var"),
            "--candles", candles, "--report", _dir.File("r.json"));
        Assert.True(exit == 0, error);
        var r = JsonDocument.Parse(File.ReadAllText(_dir.File("r.json"))).RootElement;

        // Entry decided at 00:21 (the +2 % candle closed): 3 % of 10,000 at the synthesized ask
        // ceil(102 × 1.0005) = 102.06, size rounded down to 1e-8 BTC; filled on the 00:21 candle's open:
        // ceil(102 × 1.0005 × 1.001) = 102.16. Exit decided at 00:41 (mark 108 ≥ 102.16 × 1.05), filled at
        // floor(108 × 0.9995 × 0.999) = 107.83.
        var size = Math.Floor(300m / 102.06m * 100_000_000m) / 100_000_000m;
        const decimal buy = 102.16m, sell = 107.83m, fee = 0.006m;
        var fee1 = size * buy * fee;
        var fee2 = size * sell * fee;
        var net = size * (sell - buy) - fee1 - fee2;

        var trade = Assert.Single(r.GetProperty("trades").EnumerateArray().ToList());
        Assert.Equal("BTC-USD", trade.GetProperty("product_id").GetString());
        Assert.Equal("2024-01-01T00:22:00.000Z", trade.GetProperty("entry_ts").GetString());
        Assert.Equal("2024-01-01T00:42:00.000Z", trade.GetProperty("exit_ts").GetString());
        Assert.Equal("buy", trade.GetProperty("side").GetString());
        Assert.Equal(size, D(trade, "size"));
        Assert.Equal(buy, D(trade, "entry_price"));
        Assert.Equal(sell, D(trade, "exit_price"));
        Assert.Equal(R(fee1 + fee2), D(trade, "fees"));
        Assert.Equal(R(net), D(trade, "pnl"));
        Assert.Equal("price_move", trade.GetProperty("entry_reason").GetString());
        Assert.Equal("take_profit", trade.GetProperty("exit_reason").GetString());

        var pnl = r.GetProperty("pnl");
        Assert.Equal(R(size * (sell - buy)), D(pnl, "gross"));
        Assert.Equal(R(fee1 + fee2), D(pnl, "fees"));
        Assert.Equal(R(net), D(pnl, "net"));
        Assert.Equal(D(pnl, "gross") - D(pnl, "fees"), D(pnl, "net"));
        Assert.Equal(R(10_000m + net), D(r, "final_equity"));
        Assert.Equal(R(fee1 + fee2), D(r, "fees"));

        // Drawdown: after the buy the position is marked at the quote mid (101.94 + 102.06) / 2 = 102; after the sell
        // the high-water mark is the NAV marked at 108 the minute before.
        var afterBuy = 10_000m - size * buy - fee1 + size * 102m;
        var hwm = 10_000m - size * buy - fee1 + size * 108m;
        var afterSell = 10_000m + net;
        var drawdown = Math.Max((10_000m - afterBuy) / 10_000m * 100m, (hwm - afterSell) / hwm * 100m);
        Assert.Equal((double)Math.Round(drawdown, 6), r.GetProperty("max_drawdown_pct").GetDouble());

        var layer1 = r.GetProperty("exposure_by_theme").GetProperty("LAYER1");
        var maxExposure = Math.Max((double)(size * 102m / afterBuy * 100m), (double)(size * 108m / hwm * 100m));
        Assert.Equal(Math.Round(maxExposure, 6), layer1.GetProperty("max_pct").GetDouble(), 5);
        Assert.Equal(0d, layer1.GetProperty("final_pct").GetDouble());

        var orders = r.GetProperty("orders").EnumerateArray().ToList();
        Assert.Equal(2, orders.Count);
        Assert.Equal(("2024-01-01T00:21:00.000Z", "buy", "market_ioc", 102.06m, "filled"),
            (orders[0].GetProperty("ts").GetString(), orders[0].GetProperty("side").GetString(), orders[0].GetProperty("type").GetString(),
             D(orders[0], "price"), orders[0].GetProperty("status").GetString()));
        Assert.Equal(("2024-01-01T00:41:00.000Z", "sell", 107.94m, size, "filled"),
            (orders[1].GetProperty("ts").GetString(), orders[1].GetProperty("side").GetString(), D(orders[1], "price"),
             D(orders[1], "filled_size"), orders[1].GetProperty("status").GetString()));
        Assert.StartsWith("bt-BTCUSD-1704068460000-", orders[0].GetProperty("client_order_id").GetString());

        // Every later minute with the 15-minute move still above 1.2 % proposes another entry, refused by trade
        // spacing: 00:22–00:35 (14, the last order 00:21 is < 900 s ago), 00:41 (the exit just placed), 00:42–00:50 (9).
        var rejected = r.GetProperty("rejected_by_reason");
        Assert.Equal(24, rejected.GetProperty("trade_spacing").GetInt32());
        Assert.Single(rejected.EnumerateObject());
        Assert.Equal(50, r.GetProperty("candles").GetInt32());
        Assert.Equal(50, r.GetProperty("cycles").GetInt32());
        Assert.Equal(2, r.GetProperty("fills").GetInt32());
        Assert.Equal(26, r.GetProperty("proposals").GetInt32());
        Assert.Equal(0, r.GetProperty("seed").GetInt32());
        Assert.Matches("^[0-9a-f]{64}$", r.GetProperty("config_hash").GetString());
        Assert.Matches("^[0-9a-f]{64}$", r.GetProperty("data_hash").GetString());
        Assert.Matches("^[0-9a-f]{64}$", r.GetProperty("digest").GetString());

        Assert.Contains("trades: 1 (0 open at the end)", output);
        Assert.Contains("candles/s", output);
        Assert.Equal("", error);
    }

    private static decimal D(JsonElement e, string name) =>
        decimal.Parse(e.GetProperty(name).GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static decimal R(decimal value) => Math.Round(value, 8, MidpointRounding.ToEven);
}
