namespace Trader.Domain.Market;

/// <summary>
/// Best bid/ask of a product (CONTRACTS.md §4): the newer of the last ticker and the level-2 top of book.
/// <see cref="TsEvent"/> is venue time from the frame, <see cref="TsRecv"/> our clock when the frame arrived.
/// </summary>
public readonly record struct Quote(decimal Bid, decimal Ask, decimal Last, DateTimeOffset TsEvent, DateTimeOffset TsRecv)
{
    public decimal Mid => (Bid + Ask) / 2m;

    /// <summary>(ask − bid) / mid × 10,000.</summary>
    public decimal SpreadBps => Mid == 0m ? 0m : (Ask - Bid) / Mid * 10_000m;
}
