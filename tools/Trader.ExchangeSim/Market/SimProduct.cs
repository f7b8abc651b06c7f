namespace Trader.ExchangeSim.Market;

/// <summary>
/// One spot product as the simulator lists and enforces it (wire-format.md §2.8). The trading flags are
/// mutable so a test or an operator can put a product into <c>cancel_only</c>, <c>limit_only</c>,
/// <c>post_only</c> or <c>trading_disabled</c> while the simulator runs.
/// </summary>
public sealed class SimProduct
{
    public SimProduct(string productId, decimal basePriceHint)
    {
        var dash = productId.IndexOf('-');
        if (dash <= 0 || dash == productId.Length - 1)
            throw new ArgumentException($"product id '{productId}' is not BASE-QUOTE", nameof(productId));
        ProductId = productId;
        BaseCurrency = productId[..dash];
        QuoteCurrency = productId[(dash + 1)..];
        BasePriceHint = basePriceHint;
    }

    public string ProductId { get; }
    public string BaseCurrency { get; }
    public string QuoteCurrency { get; }
    /// <summary>Where the seeded random walk starts.</summary>
    public decimal BasePriceHint { get; init; }
    public decimal BaseIncrement { get; init; } = 0.00000001m;
    public decimal QuoteIncrement { get; init; } = 0.01m;
    public decimal PriceIncrement { get; init; } = 0.01m;
    public decimal BaseMinSize { get; init; } = 0.00000001m;
    public decimal BaseMaxSize { get; init; } = 3400m;
    public decimal QuoteMinSize { get; init; } = 1m;
    public decimal QuoteMaxSize { get; init; } = 150000000m;
    public string BaseName { get; init; } = "";
    public string QuoteName { get; init; } = "US Dollar";

    public bool CancelOnly { get; set; }
    public bool LimitOnly { get; set; }
    public bool PostOnly { get; set; }
    public bool TradingDisabled { get; set; }
    /// <summary><c>online</c>, <c>offline</c>, <c>delisted</c>… as shown by REST and the <c>status</c> channel.</summary>
    public string Status { get; set; } = "online";

    public static SimProduct BtcUsd() => new("BTC-USD", 65000m) { BaseName = "Bitcoin" };

    public static SimProduct EthUsd() => new("ETH-USD", 3200m) { BaseName = "Ethereum" };

    /// <summary>Defaults for a product first seen in a capture: BTC-USD/ETH-USD get their real increments,
    /// anything else Coinbase's common spot defaults.</summary>
    public static SimProduct ForId(string productId) => productId switch
    {
        "BTC-USD" => BtcUsd(),
        "ETH-USD" => EthUsd(),
        _ => new SimProduct(productId, 100m) { BaseName = productId.Split('-')[0] },
    };
}
