namespace Trader.Coinbase.Rest;

/// <summary>
/// One HTTP attempt: the endpoint's stable name (e.g. <c>create_order</c>), the HTTP status when an answer
/// arrived, the failure kind when it was not a success, and the duration on the injected clock.
/// </summary>
public readonly record struct RestLatencySample(
    string Endpoint,
    string Method,
    int? HttpStatus,
    RestFailureKind? Failure,
    TimeSpan Duration);
