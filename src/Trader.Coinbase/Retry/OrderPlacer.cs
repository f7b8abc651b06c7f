using Trader.Coinbase.Rest;
using Trader.Coinbase.Rest.Orders;

namespace Trader.Coinbase.Retry;

/// <summary>
/// Places an order without ever sending it blindly twice (REQ-CB1, CONTRACTS.md §9, DESIGN.md §4).
/// <list type="bullet">
/// <item>An answer (success, or 200 <c>success:false</c>, or a 4xx) is final.</item>
/// <item>A failure that proves the request never reached the venue (429, connection refused) is re-sent after
/// the REQ-CB1 full-jitter delay, at most <see cref="RestRetryPolicy.MaxAttempts"/> sends in total.</item>
/// <item>A failure after which the venue may have the order (timeout, 5xx, connection lost after sending, an
/// unreadable 2xx) is <em>ambiguous</em>: the client order id is looked up (list orders for the product,
/// match <c>client_order_id</c>; the lookup itself is an idempotent, retried call). Found → placed (or
/// rejected when the venue marked it FAILED). Proven absent → re-sent with the SAME client order id, which the
/// venue treats idempotently. Lookup failed → <see cref="OrderPlacementKind.Ambiguous"/>, never re-sent.</item>
/// <item><c>DUPLICATE_CLIENT_ORDER_ID</c> means the id is already taken: looked up the same way.</item>
/// </list>
/// </summary>
public sealed class OrderPlacer
{
    public const string DuplicateClientOrderId = "DUPLICATE_CLIENT_ORDER_ID";

    private readonly CoinbaseRestClient _client;
    private readonly FullJitterBackoff _backoff;

    public OrderPlacer(CoinbaseRestClient client, FullJitterBackoff? backoff = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _backoff = backoff ?? client.RetryPolicy.Backoff;
    }

    public async Task<OrderPlacementOutcome> CreateOrderResolvingAsync(CreateOrderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var time = _client.Time;
        var firstSent = time.GetUtcNow();
        var sends = 0;
        var lookups = 0;
        RestFailure? last = null;

        while (sends < RestRetryPolicy.MaxAttempts)
        {
            if (sends > 0)
                await Task.Delay(_backoff.NextDelay(sends), time, cancellationToken).ConfigureAwait(false);
            sends++;
            var sent = await _client.CreateOrderAsync(request, cancellationToken).ConfigureAwait(false);
            if (sent.TryGetValue(out var created))
                return new OrderPlacementOutcome(OrderPlacementKind.Placed, request.ClientOrderId, created.OrderId, null, null, last, sends, lookups);

            last = sent.Failure;
            var duplicate = last.Kind == RestFailureKind.BusinessFailure && last.ErrorCode == DuplicateClientOrderId;
            if (!last.MayHaveReachedVenue && !duplicate)
            {
                if (last.IsTransient) continue; // 429 or never sent: the venue does not have it, safe to send again
                return new OrderPlacementOutcome(OrderPlacementKind.Rejected, request.ClientOrderId, null, null,
                    last.ErrorCode ?? last.Kind.ToString(), last, sends, lookups);
            }

            lookups++;
            var found = await _client.FindOrderByClientOrderIdAsync(request.ProductId, request.ClientOrderId, firstSent, cancellationToken)
                .ConfigureAwait(false);
            if (!found.TryGetValue(out var order))
                return new OrderPlacementOutcome(OrderPlacementKind.Ambiguous, request.ClientOrderId, null, null,
                    "lookup failed: " + found.Failure.Kind, last, sends, lookups);
            if (order is not null)
                return order.IsFailed
                    ? new OrderPlacementOutcome(OrderPlacementKind.Rejected, request.ClientOrderId, order.OrderId, order.Status,
                        order.RejectReason ?? "FAILED", last, sends, lookups)
                    : new OrderPlacementOutcome(OrderPlacementKind.Placed, request.ClientOrderId, order.OrderId, order.Status, null, last, sends, lookups);
            if (duplicate)
                return new OrderPlacementOutcome(OrderPlacementKind.Rejected, request.ClientOrderId, null, null, DuplicateClientOrderId, last, sends, lookups);
            // Proven absent: re-send the same request (same client order id) after the backoff.
        }

        return last is not null && last.MayHaveReachedVenue
            ? new OrderPlacementOutcome(OrderPlacementKind.Ambiguous, request.ClientOrderId, null, null, "attempts exhausted", last, sends, lookups)
            : new OrderPlacementOutcome(OrderPlacementKind.Rejected, request.ClientOrderId, null, null,
                last?.ErrorCode ?? last?.Kind.ToString() ?? "attempts exhausted", last, sends, lookups);
    }
}
