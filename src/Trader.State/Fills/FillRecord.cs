using Trader.Domain.Trading;

namespace Trader.State.Fills;

/// <summary>One execution of an order. The trade id is unique per order, so replaying the venue's fills is harmless.</summary>
public sealed record FillRecord
{
    public required string ClientOrderId { get; init; }
    public required string TradeId { get; init; }
    public required string ProductId { get; init; }
    public required OrderSide Side { get; init; }
    public required decimal Price { get; init; }
    public required decimal Size { get; init; }
    public required decimal Fee { get; init; }
    public Liquidity Liquidity { get; init; } = Liquidity.Unknown;
    public required DateTimeOffset Ts { get; init; }
}
