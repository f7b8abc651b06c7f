namespace Trader.ExchangeSim.Trading;

/// <summary>One execution of one of our orders. <see cref="Commission"/> is in quote currency.</summary>
internal sealed record SimFill(
    string EntryId,
    string TradeId,
    string OrderId,
    string ProductId,
    string Side,
    decimal Price,
    decimal Size,
    decimal Commission,
    bool IsMaker,
    bool SizeInQuote,
    DateTimeOffset Time);
