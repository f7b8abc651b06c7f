using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Trader.Host.Backtest;

/// <summary>
/// The metrics a regression baseline pins (REQ-BT3): net PnL, max drawdown, trade count and fees, with the
/// initial capital (the scale for values near zero), seed and the hashes of the run that made it. Stored as
/// JSON (<c>tests/baselines/backtest-*.json</c>), money as decimal strings, with the <c>--candles</c> arguments that made it
/// (as given: relative to where the command ran, the repository root for the shipped baselines).
/// </summary>
public sealed record BaselineMetrics(
    decimal NetPnl,
    decimal MaxDrawdownPct,
    int Trades,
    decimal Fees,
    decimal InitialCapital,
    int Seed,
    string ConfigHash,
    string DataHash,
    IReadOnlyList<string> Candles)
{
    public static BaselineMetrics Of(BacktestResult result, BacktestRunInfo info, IReadOnlyList<string> candles) => new(
        Math.Round(result.NetPnl, 8, MidpointRounding.ToEven),
        Math.Round(result.MaxDrawdownPct, 6, MidpointRounding.ToEven),
        result.Trades.Count,
        Math.Round(result.Fees, 8, MidpointRounding.ToEven),
        result.InitialCapital, info.Seed, info.ConfigHash, info.DataHash, candles);

    public void WriteFile(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        using var json = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("net_pnl", S(NetPnl));
        json.WriteString("max_drawdown_pct", S(MaxDrawdownPct));
        json.WriteNumber("trades", Trades);
        json.WriteString("fees", S(Fees));
        json.WriteString("initial_capital", S(InitialCapital));
        json.WriteNumber("seed", Seed);
        json.WriteString("config_hash", ConfigHash);
        json.WriteString("data_hash", DataHash);
        json.WriteStartArray("candles");
        foreach (var candle in Candles) json.WriteStringValue(candle);
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        file.WriteByte((byte)'\n');
    }

    /// <summary>Reads a baseline file; a missing key or a bad value is an <see cref="InvalidDataException"/> naming it.</summary>
    public static BaselineMetrics ReadFile(string path)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not JSON ({e.Message})", e);
        }
        if (root is not JsonObject o) throw new InvalidDataException($"{path}: expected a JSON object");
        return new BaselineMetrics(
            Dec(o, "net_pnl", path), Dec(o, "max_drawdown_pct", path), (int)Dec(o, "trades", path), Dec(o, "fees", path),
            Dec(o, "initial_capital", path), (int)Dec(o, "seed", path), Str(o, "config_hash"), Str(o, "data_hash"),
            o["candles"] is JsonArray list ? list.Select(n => n?.GetValue<string>() ?? "").ToList() : []);
    }

    private static decimal Dec(JsonObject o, string key, string path)
    {
        var node = o[key] ?? throw new InvalidDataException($"{path}: {key}: missing");
        var text = node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"{path}: {key}: '{text}' is not a number");
    }

    private static string Str(JsonObject o, string key) => o[key]?.GetValueKind() == JsonValueKind.String ? o[key]!.GetValue<string>() : "";

    private static string S(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
