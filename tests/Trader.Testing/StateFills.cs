using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Trader.Testing;

/// <summary>
/// Reads the fills a PAPER run recorded and recomputes PnL from them alone, so a report can be checked against its
/// fills to the cent (REQ-X2) without trusting the code that wrote it.
/// </summary>
public static class StateFills
{
    /// <summary>Every fill in the state DB at <paramref name="path"/>, in time order (read-only connection).</summary>
    public static List<StateFill> Read(string path)
    {
        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT client_order_id, product_id, side, price, size, fee FROM fills ORDER BY ts, id";
        using var reader = command.ExecuteReader();
        var fills = new List<StateFill>();
        while (reader.Read())
            fills.Add(new StateFill(reader.GetString(0), reader.GetString(1), reader.GetString(2).ToUpperInvariant(),
                Decimal(reader.GetString(3)), Decimal(reader.GetString(4)), Decimal(reader.GetString(5))));
        return fills;
    }

    /// <summary>Realized PnL before fees by average cost, computed from the fills alone.</summary>
    public static decimal AverageCostRealized(IEnumerable<StateFill> fills)
    {
        var held = new Dictionary<string, (decimal Size, decimal Cost)>();
        var realized = 0m;
        foreach (var f in fills)
        {
            var (size, cost) = held.GetValueOrDefault(f.ProductId);
            if (f.Side == "BUY")
                held[f.ProductId] = (size + f.Size, size + f.Size == 0m ? 0m : (size * cost + f.Size * f.Price) / (size + f.Size));
            else
            {
                realized += (f.Price - cost) * f.Size;
                held[f.ProductId] = (size - f.Size, cost);
            }
        }
        return realized;
    }

    /// <summary>A report's decimal-string money field (CONTRACTS.md §6).</summary>
    public static decimal Money(JsonElement element, string name) => Decimal(element.GetProperty(name).GetString()!);

    private static decimal Decimal(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
}
