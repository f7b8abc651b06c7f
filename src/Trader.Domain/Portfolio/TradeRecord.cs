using Trader.Domain.Trading;

namespace Trader.Domain.Portfolio;

/// <summary>An order we placed (entry or exit), for trade spacing and frequency limits.</summary>
public sealed record TradeRecord(string ProductId, OrderSide Side, DateTimeOffset At);
