namespace Trader.Domain.Portfolio;

/// <summary>
/// The account as the decision sees it: cash, open positions, net asset value (equity, marked by the caller),
/// its high-water mark, and the equity at the start of the UTC day and week (daily/weekly stops, REQ-DD1).
/// </summary>
public sealed record PortfolioState(
    decimal Cash,
    IReadOnlyList<Position> Positions,
    decimal Nav,
    decimal HighWaterMark,
    decimal DayStartEquity,
    decimal WeekStartEquity)
{
    /// <summary>A flat account holding only cash.</summary>
    public static PortfolioState AllCash(decimal cash) => new(cash, [], cash, cash, cash, cash);

    public Position? PositionOf(string productId)
    {
        foreach (var position in Positions)
            if (string.Equals(position.ProductId, productId, StringComparison.Ordinal)) return position;
        return null;
    }
}
