using System.Text.Json.Serialization;

namespace Trader.Coinbase.Rest.Accounts;

/// <summary>One wallet of <c>GET /accounts</c>. Total = available + hold.</summary>
public sealed record CoinbaseAccount(
    [property: JsonRequired] string Uuid,
    string? Name,
    [property: JsonRequired] string Currency,
    [property: JsonRequired] CoinbaseMoney AvailableBalance,
    CoinbaseMoney? Hold,
    bool Active,
    bool Ready,
    string? Type)
{
    public decimal Total => AvailableBalance.Value + (Hold?.Value ?? 0m);
}
