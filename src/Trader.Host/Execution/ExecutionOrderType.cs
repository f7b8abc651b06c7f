namespace Trader.Host.Execution;

/// <summary>The two order types execution places (<c>execution.default_order_type</c>).</summary>
public enum ExecutionOrderType
{
    /// <summary><c>limit_post_only</c>: a GTC limit that only rests (maker fee); refused by the venue if it would cross.</summary>
    LimitPostOnly,

    /// <summary><c>market_ioc</c>: a market order by base size, filled immediately against the book (taker fee).</summary>
    MarketIoc,
}
