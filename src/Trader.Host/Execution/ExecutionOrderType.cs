namespace Trader.Host.Execution;

/// <summary>
/// The order types execution places: the two of <c>execution.default_order_type</c>, and the limit IOC of the
/// working-order lifecycle's taker fallback (<see cref="WorkingOrderLifecycle"/>).
/// </summary>
public enum ExecutionOrderType
{
    /// <summary><c>limit_post_only</c>: a GTC limit that only rests (maker fee); refused by the venue if it would cross.</summary>
    LimitPostOnly,

    /// <summary><c>market_ioc</c>: a market order by base size, filled immediately against the book (taker fee).</summary>
    MarketIoc,

    /// <summary>
    /// <c>limit_ioc</c> (Coinbase <c>sor_limit_ioc</c>): takes what the book offers up to its limit price at once (taker
    /// fee), the rest is cancelled by the venue. Only the taker fallback sends it; never a configured default.
    /// </summary>
    LimitIoc,
}
