namespace Trader.Domain.Market;

/// <summary>Side of a level-2 level; Coinbase writes <c>bid</c> and <c>offer</c>.</summary>
public enum BookSide : byte
{
    Bid,
    Offer,
}
