using System.Text.Json.Serialization;
using Trader.Coinbase.Rest.Accounts;
using Trader.Coinbase.Rest.Fees;
using Trader.Coinbase.Rest.Fills;
using Trader.Coinbase.Rest.MarketData;
using Trader.Coinbase.Rest.Orders;
using Trader.Coinbase.Rest.Products;

namespace Trader.Coinbase.Rest.Json;

/// <summary>Source-generated (de)serialization of the REST wire shapes: snake_case, numbers as strings.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(DecimalStringConverter), typeof(OptionalDecimalStringConverter), typeof(OrderSideConverter),
        typeof(Rfc3339Converter), typeof(OptionalRfc3339Converter)])]
[JsonSerializable(typeof(AccountsPage))]
[JsonSerializable(typeof(ProductsPage))]
[JsonSerializable(typeof(CoinbaseProduct))]
[JsonSerializable(typeof(BestBidAskResponse))]
[JsonSerializable(typeof(ProductBook))]
[JsonSerializable(typeof(CandlesResponse))]
[JsonSerializable(typeof(ServerTime))]
[JsonSerializable(typeof(TransactionSummary))]
[JsonSerializable(typeof(CreateOrderRequest))]
[JsonSerializable(typeof(PreviewOrderRequest))]
[JsonSerializable(typeof(CreateOrderResponse))]
[JsonSerializable(typeof(PreviewOrderResponse))]
[JsonSerializable(typeof(BatchCancelRequest))]
[JsonSerializable(typeof(BatchCancelResponse))]
[JsonSerializable(typeof(GetOrderResponse))]
[JsonSerializable(typeof(OrdersPage))]
[JsonSerializable(typeof(FillsPage))]
internal sealed partial class CoinbaseJsonContext : JsonSerializerContext
{
}
