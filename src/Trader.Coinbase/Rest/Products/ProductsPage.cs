namespace Trader.Coinbase.Rest.Products;

internal sealed record ProductsPage(IReadOnlyList<CoinbaseProduct>? Products, int? NumProducts);
