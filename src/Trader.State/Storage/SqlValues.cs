using System.Globalization;
using Trader.Domain.Trading;

namespace Trader.State.Storage;

/// <summary>
/// How values are written to SQLite: decimals as invariant TEXT (nothing lost, scale kept), timestamps as fixed-width
/// UTC ISO-8601 TEXT with 100 ns precision (lossless, readable, and ordered lexicographically so range queries work).
/// </summary>
internal static class SqlValues
{
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string Money(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static object MoneyOrNull(decimal? value) => value is { } v ? Money(v) : DBNull.Value;

    public static decimal ReadMoney(string text) =>
        decimal.Parse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);

    public static decimal? ReadMoneyOrNull(object value) => value is string s ? ReadMoney(s) : null;

    public static string Time(DateTimeOffset ts) => ts.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    public static object TimeOrNull(DateTimeOffset? ts) => ts is { } t ? Time(t) : DBNull.Value;

    public static DateTimeOffset ReadTime(string text) =>
        DateTimeOffset.ParseExact(text, TimestampFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static DateTimeOffset? ReadTimeOrNull(object value) => value is string s ? ReadTime(s) : null;

    public static object TextOrNull(string? value) => value is null ? DBNull.Value : value;

    public static string? ReadTextOrNull(object value) => value as string;

    public static string Side(OrderSide side) => side == OrderSide.Buy ? "buy" : "sell";

    public static OrderSide ReadSide(string text) => text switch
    {
        "buy" => OrderSide.Buy,
        "sell" => OrderSide.Sell,
        _ => throw new InvalidDataException($"unknown order side '{text}' in the state database"),
    };

    public static string Mode(TradingMode mode) => mode switch
    {
        TradingMode.DryRun => "dry_run",
        TradingMode.Paper => "paper",
        TradingMode.Live => "live",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    public static TradingMode ReadMode(string text) => text switch
    {
        "dry_run" => TradingMode.DryRun,
        "paper" => TradingMode.Paper,
        "live" => TradingMode.Live,
        _ => throw new InvalidDataException($"unknown trading mode '{text}' in the state database"),
    };
}
