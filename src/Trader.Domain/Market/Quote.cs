namespace Trader.Domain.Market;

/// <summary>
/// Best bid/ask of a product (CONTRACTS.md §4): the newer of the last ticker and the level-2 top of book.
/// <see cref="TsEvent"/> is venue time from the frame, <see cref="TsRecv"/> our clock when the frame arrived.
/// </summary>
public readonly record struct Quote(decimal Bid, decimal Ask, decimal Last, DateTimeOffset TsEvent, DateTimeOffset TsRecv)
{
    /// <summary>(bid + ask) / 2, exactly as the decimal division gives it (<see cref="ExactDecimal.Half"/>).</summary>
    public decimal Mid => ExactDecimal.Half(Bid + Ask);

    /// <summary>(ask − bid) / mid × 10,000.</summary>
    public decimal SpreadBps => Mid == 0m ? 0m : (Ask - Bid) / Mid * 10_000m;

    /// <summary>
    /// <c>SpreadBps &gt; limitBps</c>, with the two decimal divisions only near the limit: for a positive quote
    /// within 1e12 and a limit of at least 1e-4 bps, the spread in binary floating point is within ~1e-11 bps of
    /// the decimal one, so a margin of 1e-6 of the limit decides the rest (every cycle checks every product). The
    /// range is checked on the converted values (a conversion keeps sign and order, and a crossed quote that converts
    /// to equal prices has a zero spread there and a negative one in decimal: not above either way), so the check
    /// costs three conversions and no decimal comparison.
    /// </summary>
    public bool SpreadAbove(decimal limitBps)
    {
        double bid = (double)Bid, ask = (double)Ask, limit = (double)limitBps;
        if (bid > 0d && ask >= bid && ask <= BoundApprox && limit >= MinBoundedLimitApprox && limit <= BoundApprox
            && MoveBound.Above((ask - bid) / ((bid + ask) / 2d) * 10_000d, limit) is { } above)
            return above;
        return SpreadBps > limitBps;
    }

    private const double BoundApprox = 1e12;
    private const double MinBoundedLimitApprox = 0.0001;
}
