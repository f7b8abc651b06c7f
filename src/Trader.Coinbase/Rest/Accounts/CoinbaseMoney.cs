using System.Text.Json.Serialization;

namespace Trader.Coinbase.Rest.Accounts;

/// <summary><c>{"value": "1.23", "currency": "USD"}</c>.</summary>
public sealed record CoinbaseMoney([property: JsonRequired] decimal Value, [property: JsonRequired] string Currency);
