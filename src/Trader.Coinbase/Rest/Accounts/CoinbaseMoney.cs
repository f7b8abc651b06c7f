namespace Trader.Coinbase.Rest.Accounts;

/// <summary><c>{"value": "1.23", "currency": "USD"}</c>.</summary>
public sealed record CoinbaseMoney(decimal Value, string Currency);
