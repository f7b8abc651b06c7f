namespace Trader.Domain.Market;

/// <summary>Trading status of a product as the venue's <c>status</c> channel / product endpoint reports it.</summary>
public enum ProductStatus
{
    Unknown = 0,
    Online,
    Offline,
    Delisted,
    TradingDisabled,
    CancelOnly,
    LimitOnly,
    PostOnly,
}
