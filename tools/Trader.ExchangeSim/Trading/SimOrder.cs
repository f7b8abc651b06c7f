namespace Trader.ExchangeSim.Trading;

/// <summary>An order the simulator holds, with its cumulative execution state.</summary>
internal sealed class SimOrder
{
    public SimOrder(string orderId, OrderRequest request, DateTimeOffset created)
    {
        OrderId = orderId;
        Request = request;
        CreatedTime = created;
    }

    public string OrderId { get; }
    public OrderRequest Request { get; }
    public DateTimeOffset CreatedTime { get; }
    public string ProductId => Request.ProductId;
    public string ClientOrderId => Request.ClientOrderId;
    public bool IsBuy => Request.IsBuy;

    /// <summary>OPEN, FILLED, CANCELLED, EXPIRED, FAILED.</summary>
    public string Status { get; set; } = "OPEN";
    public decimal FilledSize { get; set; }
    public decimal FilledValue { get; set; }
    public decimal TotalFees { get; set; }
    public int NumberOfFills { get; set; }
    public DateTimeOffset? LastFillTime { get; set; }
    public DateTimeOffset? EndTime { get; set; }
    public string CancelMessage { get; set; } = "";

    public bool IsOpen => Status == "OPEN";

    /// <summary>Base size still to fill (limit orders and base-sized market orders).</summary>
    public decimal LeavesBase => Request.BaseSize is { } b && IsOpen ? Math.Max(0m, b - FilledSize) : 0m;

    public string TimeInForce => Request.ConfigKind switch
    {
        "limit_limit_gtc" => "GOOD_UNTIL_CANCELLED",
        "market_market_fok" or "limit_limit_fok" => "FILL_OR_KILL",
        _ => "IMMEDIATE_OR_CANCEL",
    };

    public string OrderType => Request.IsMarket ? "MARKET" : "LIMIT";

    public decimal AveragePrice => FilledSize == 0 ? 0m : FilledValue / FilledSize;

    public decimal CompletionPercentage
    {
        get
        {
            if (Status == "FILLED") return 100m;
            if (Request.BaseSize is { } b && b > 0) return Math.Round(FilledSize / b * 100m, 2);
            if (Request.QuoteSize is { } q && q > 0) return Math.Round((FilledValue + TotalFees) / q * 100m, 2);
            return 0m;
        }
    }

    public decimal TotalValueAfterFees => IsBuy ? FilledValue + TotalFees : FilledValue - TotalFees;
}
