namespace Trader.Coinbase.Rest.Accounts;

/// <summary>One wallet of <c>GET /accounts</c>. Total = available + hold.</summary>
public sealed record CoinbaseAccount(
    string Uuid,
    string? Name,
    string Currency,
    CoinbaseMoney AvailableBalance,
    CoinbaseMoney? Hold,
    bool Active,
    bool Ready,
    string? Type)
{
    public decimal Total => AvailableBalance.Value + (Hold?.Value ?? 0m);
}
