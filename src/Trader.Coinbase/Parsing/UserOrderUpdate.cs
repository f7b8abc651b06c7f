namespace Trader.Coinbase.Parsing;

/// <summary>
/// One order of a <c>user</c> channel frame (wire-format.md "user"): which order changed and what the venue says it is
/// now. <see cref="Status"/> is the venue's text (<c>OPEN</c>, <c>FILLED</c>, <c>CANCELLED</c>, …). The update is a hint:
/// the order manager reads the order back over REST before it changes any state.
/// </summary>
public sealed record UserOrderUpdate(
    string EventType,
    string OrderId,
    string ClientOrderId,
    string ProductId,
    string Status,
    decimal CumulativeQuantity);
