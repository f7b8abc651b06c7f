using System.Globalization;
using System.Text;
using Trader.Testing;

namespace Trader.Host.Tests.Backtest;

/// <summary>
/// A 50-minute BTC-USD file whose outcome can be computed by hand: flat at 100 for 20 minutes, a jump to 102
/// (a +2 % 15-minute move: the chop price-move trigger), flat at 102, a jump to 108 (take-profit at 5 %), flat at 108;
/// 10,000 BTC a minute so the 24 h volume and participation never bind. The config is the shipped one with
/// market_ioc orders, 5 % stop-loss / take-profit, a 10 bps synthesized spread and 10 bps slippage.
/// </summary>
internal static class TinyMarket
{
    public static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static string WriteCandles(string dir, string name = "BTCUSD_1m_tiny.csv")
    {
        var csv = new StringBuilder("timestamp,open,high,low,close,volume\n");
        for (var k = 0; k < 50; k++)
        {
            var (o, h, l, c) = k switch
            {
                < 20 => (100m, 100m, 100m, 100m),
                20 => (100m, 102m, 100m, 102m),
                < 40 => (102m, 102m, 102m, 102m),
                40 => (102m, 108m, 102m, 108m),
                _ => (108m, 108m, 108m, 108m),
            };
            csv.Append(CultureInfo.InvariantCulture, $"{(Start + TimeSpan.FromMinutes(k)).ToUnixTimeSeconds()},{o},{h},{l},{c},10000\n");
        }
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    public static string Config(string dir) => ConfigFixture.CopyShipped(dir,
        ("policy.yaml", "default_order_type: limit_post_only", "default_order_type: market_ioc"),
        ("policy.yaml", "stop_loss_pct: 10.0", "stop_loss_pct: 5.0"),
        ("policy.yaml", "take_profit_pct: 12.0", "take_profit_pct: 5.0"),
        ("policy.yaml", "spread_bps: 5.0", "spread_bps: 10.0"),
        ("policy.yaml", "slippage_bps: 2.0", "slippage_bps: 10.0"));
}
