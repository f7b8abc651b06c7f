using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Trader.Domain.Decisions;
using Trader.Domain.Market;
using Trader.Domain.Rules;
using Trader.Domain.Sizing;
using Trader.Domain.Trading;
using Trader.State.Cooldowns;
using Trader.State.Fills;
using Trader.State.Journal;
using Trader.State.Orders;
using Trader.State.Storage;

namespace Trader.Host.Execution;

/// <summary>
/// Takes an approved order to the venue and keeps state true to it (REQ-X1, REQ-X2, REQ-X3, NFR-R1, docs/EXECUTION.md):
/// re-size with the one <see cref="OrderSizer"/> → preview → register the client order id (pending_submit) → place →
/// record venue id and status → reconcile fills and fees into the FillStore (fill + order + position in one
/// transaction) → cooldown. Every status change is also an audit row in the decision journal (kind <c>order</c>).
/// The same manager serves every venue; calls are expected one at a time (the decision loop is sequential).
/// </summary>
public sealed class OrderManager
{
    public const string AuditKind = "order";
    public const string NeverReachedVenue = "never_reached_venue";
    public const string SizingMismatch = "sizing_mismatch";
    public const string UnknownProduct = "unknown_product";

    private readonly StateStore _state;
    private readonly IOrderVenue _venue;
    private readonly OrderSizer _sizer;
    private readonly ExecutionSettings _settings;
    private readonly TimeProvider _time;
    private readonly Func<string, ProductInfo?> _products;
    private readonly Action<OrderAmbiguous> _onAmbiguous;
    private readonly ClientOrderIdGenerator _ids;
    private readonly ConcurrentDictionary<string, bool> _stopExits = new(StringComparer.Ordinal);

    public OrderManager(
        StateStore state,
        IOrderVenue venue,
        OrderSizer sizer,
        ExecutionSettings settings,
        TimeProvider time,
        Func<string, ProductInfo?> products,
        Action<OrderAmbiguous>? onAmbiguous = null,
        Random? random = null)
    {
        _state = state ?? throw new ArgumentNullException(nameof(state));
        _venue = venue ?? throw new ArgumentNullException(nameof(venue));
        _sizer = sizer ?? throw new ArgumentNullException(nameof(sizer));
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _products = products ?? throw new ArgumentNullException(nameof(products));
        _onAmbiguous = onAmbiguous ?? (_ => { });
        _ids = new ClientOrderIdGenerator(settings.BotId, time, id => state.Orders.Get(id) is not null, random);
    }

    /// <summary>The one sizer every order this manager places is sized by (REQ-X3), replacements included.</summary>
    public OrderSizer Sizer => _sizer;

    public IOrderVenue Venue => _venue;

    /// <summary>
    /// The execution size of an approved order: the sizer called exactly as risk called it (REQ-X3). Null with a
    /// reason when it differs from what risk approved (then nothing is placed).
    /// </summary>
    public (SizedOrder? Order, string? Reason) Resize(ApprovedOrder approved)
    {
        var sized = approved.Order;
        var info = _products(sized.ProductId);
        if (info is null) return (null, UnknownProduct);
        if (sized.Role != _settings.Role)
            return (null, $"{SizingMismatch}: risk sized for {sized.Role}, execution.default_order_type places {ExecutionSettings.OrderTypeText(_settings.OrderType)}");
        var again = sized.Side == OrderSide.Buy
            ? _sizer.SizeBuy(info, sized.Notional, sized.Notional, sized.Price, sized.Role)
            : _sizer.SizeSell(info, sized.BaseSize, sized.Price, sized.Role);
        if (again.Order is not { } order) return (null, again.ReasonCode + ": " + again.Detail);
        if (order.BaseSize != sized.BaseSize || order.Price != sized.Price)
            return (null, $"{SizingMismatch}: risk approved {sized.BaseSize} at {sized.Price}, the sizer now says {order.BaseSize} at {order.Price}");
        return (order, null);
    }

    /// <summary>Submits an approved order (the pipeline's execution port adapts to this). <paramref name="cycleId"/> keys the audit rows.</summary>
    public async Task<SubmitResult> SubmitAsync(ApprovedOrder approved, long cycleId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approved);
        var (sized, refusal) = Resize(approved);
        var clientOrderId = _ids.Next(approved.Order.ProductId);
        if (sized is null) return Refuse(approved.Order, _settings.OrderType, clientOrderId, null, cycleId, refusal!);
        return await PlaceAsync(sized, _settings.OrderType, clientOrderId, null, approved.Proposal.ExitReason == ExitReason.StopLoss, cycleId, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Places the replacement of an order's unfilled remainder (the working-order lifecycle: a post-only re-price or
    /// the taker fallback, docs/EXECUTION.md) under a new client order id that records the replaced order and the
    /// chain's start. The replaced order must be terminal in state (its cancel confirmed by the venue), the
    /// replacement the same product and side and no larger than the remainder, and the order may not have been
    /// replaced before: any of these broken would put more on the venue than the decision approved (REQ-E2).
    /// </summary>
    public async Task<SubmitResult> ReplaceAsync(OrderRecord replaced, SizedOrder sized, ExecutionOrderType type, string step, long cycleId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replaced);
        ArgumentNullException.ThrowIfNull(sized);
        var current = _state.Orders.Get(replaced.ClientOrderId) ?? throw new ArgumentException($"order {replaced.ClientOrderId} is not in state", nameof(replaced));
        if (current.Status.IsWorking())
            throw new InvalidOperationException($"order {current.ClientOrderId} is {current.Status.ToText()}: it is replaced only once the venue confirmed it done");
        var remainder = (current.Size ?? 0m) - current.FilledSize;
        if (sized.ProductId != current.ProductId || sized.Side != current.Side || sized.BaseSize > remainder)
            throw new ArgumentException($"the replacement ({sized.Side} {sized.BaseSize} {sized.ProductId}) is not within the remainder {remainder} of {current.ClientOrderId}", nameof(sized));
        if (_state.Orders.ReplacementOf(current.ClientOrderId) is { } earlier)
            throw new InvalidOperationException($"order {current.ClientOrderId} was already replaced by {earlier.ClientOrderId}");
        var link = new ChainLink(current.ClientOrderId, current.ChainStart, step);
        return await PlaceAsync(sized, type, _ids.Next(sized.ProductId), link, _stopExits.ContainsKey(current.ClientOrderId), cycleId, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>An audit row (kind <c>order</c>) about an order's chain: a re-price, a fallback, or the chain's end and why.</summary>
    public void JournalChain(long cycleId, OrderRecord order, string outcome, string reason, JsonObject? extra = null) =>
        Audit(cycleId, order, outcome, reason, extra);

    private async Task<SubmitResult> PlaceAsync(SizedOrder sized, ExecutionOrderType type, string clientOrderId, ChainLink? link, bool stopExit,
        long cycleId, CancellationToken cancellationToken)
    {
        var request = new VenueOrderRequest(clientOrderId, sized.ProductId, sized.Side, type, sized.BaseSize, sized.Price);
        var preview = await _venue.PreviewAsync(request, cancellationToken).ConfigureAwait(false);
        if (!preview.Accepted) return Refuse(sized, type, clientOrderId, link, cycleId, "preview_failed: " + preview.Reason);

        // Persisted before the request leaves (REQ-X1): a crash from here on leaves a pending_submit row to reconcile.
        var now = _time.GetUtcNow();
        var record = new OrderRecord
        {
            ClientOrderId = clientOrderId,
            ProductId = sized.ProductId,
            Side = sized.Side,
            OrderType = ExecutionSettings.OrderTypeText(type),
            Price = sized.Price,
            Size = sized.BaseSize,
            Status = OrderStatus.PendingSubmit,
            Mode = _settings.Mode,
            CreatedTs = now,
            UpdatedTs = now,
            ParentClientOrderId = link?.Parent,
            ChainStartedTs = link?.ChainStart,
        };
        if (!_state.Orders.TryRegister(record))
            throw new InvalidOperationException($"client order id {clientOrderId} was registered between the uniqueness check and the insert");
        if (stopExit) _stopExits[clientOrderId] = true;
        Audit(cycleId, record, OrderStatus.PendingSubmit.ToText(), link?.Reason, new JsonObject
        {
            ["venue"] = _venue.Name,
            ["preview_total"] = preview.OrderTotal?.ToString(CultureInfo.InvariantCulture),
            ["preview_commission"] = preview.Commission?.ToString(CultureInfo.InvariantCulture),
            ["expected_fee"] = sized.ExpectedFee.ToString(CultureInfo.InvariantCulture),
        });

        var placement = await _venue.PlaceAsync(request, cancellationToken).ConfigureAwait(false);
        switch (placement.Kind)
        {
            case VenuePlacementKind.Rejected:
                SetStatus(cycleId, clientOrderId, OrderStatus.Rejected, placement.VenueOrderId, placement.Reason ?? "rejected");
                return new SubmitResult(clientOrderId, OrderStatus.Rejected, placement.VenueOrderId, placement.Reason);
            case VenuePlacementKind.Ambiguous:
                SetStatus(cycleId, clientOrderId, OrderStatus.Ambiguous, null, placement.Reason ?? "ambiguous");
                _onAmbiguous(new OrderAmbiguous(clientOrderId, sized.ProductId, placement.Reason ?? "the venue's answer was lost", _time.GetUtcNow()));
                return new SubmitResult(clientOrderId, OrderStatus.Ambiguous, null, placement.Reason);
        }

        SetStatus(cycleId, clientOrderId, OrderStatus.Open, placement.VenueOrderId, link?.Reason);
        var reconciled = await ReconcileOrderAsync(_state.Orders.Get(clientOrderId)!, cycleId, cancellationToken).ConfigureAwait(false);
        return new SubmitResult(clientOrderId, reconciled.Status, reconciled.VenueOrderId, reconciled.StatusReason);
    }

    /// <summary>
    /// NFR-R1: every order state says is pending_submit, ambiguous or open is compared with the venue before the first
    /// decision cycle. Filled while down → fills recorded; cancelled → cancelled; never reached the venue → rejected.
    /// </summary>
    public async Task<ReconcileSummary> ReconcileOnStartAsync(CancellationToken cancellationToken) =>
        await ReconcileWorkingAsync(0, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// One reconciliation pass over every working order (also the periodic fill poll), in the order state lists them;
    /// with <paramref name="only"/>, over those it selects (e.g. the orders a user channel reported changed).
    /// </summary>
    public async Task<ReconcileSummary> ReconcileWorkingAsync(long cycleId, CancellationToken cancellationToken, Func<OrderRecord, bool>? only = null)
    {
        int filled = 0, cancelled = 0, rejected = 0, open = 0, unresolved = 0, fills = 0;
        var working = only is null ? _state.Orders.Working() : _state.Orders.Working().Where(only).ToList();
        foreach (var order in working)
        {
            var before = FillCount(order.ClientOrderId);
            var after = await ReconcileOrderAsync(order, cycleId, cancellationToken).ConfigureAwait(false);
            fills += FillCount(order.ClientOrderId) - before;
            switch (after.Status)
            {
                case OrderStatus.Filled: filled++; break;
                case OrderStatus.Cancelled or OrderStatus.Expired: cancelled++; break;
                case OrderStatus.Rejected: rejected++; break;
                case OrderStatus.Open when after.VenueOrderId is not null: open++; break;
                default: unresolved++; break;
            }
        }
        return new ReconcileSummary(working.Count, filled, cancelled, rejected, open, unresolved, fills, _state.Positions.Open().Count);
    }

    /// <summary>
    /// Brings one order in line with the venue: finds it (by venue id, else by client order id), records every fill not
    /// yet recorded, then moves it to the venue's status. A venue that cannot be asked changes nothing.
    /// </summary>
    public async Task<OrderRecord> ReconcileOrderAsync(OrderRecord order, long cycleId, CancellationToken cancellationToken)
    {
        if (!order.Status.IsWorking()) return order;
        var lookup = await _venue.FindAsync(order.ProductId, order.ClientOrderId, order.VenueOrderId, order.CreatedTs, cancellationToken)
            .ConfigureAwait(false);
        switch (lookup.Kind)
        {
            case VenueLookupKind.Unavailable:
                return order;
            case VenueLookupKind.NotFound:
                // The venue answered and has no order with this client order id: the request never reached it (a crash
                // between persist and send, or a send proven lost). It can no longer arrive: the id is never re-sent.
                var reason = order.VenueOrderId is null ? NeverReachedVenue : "unknown to the venue";
                SetStatus(cycleId, order.ClientOrderId, OrderStatus.Rejected, null, reason);
                return _state.Orders.Get(order.ClientOrderId)!;
        }

        var state = lookup.Order!;
        if (order.VenueOrderId is null) SetStatus(cycleId, order.ClientOrderId, order.Status, state.VenueOrderId, order.StatusReason);
        var recordedSize = order.FilledSize;
        if (state.FilledSize > recordedSize)
        {
            var venueFills = await _venue.FillsAsync(state.VenueOrderId, cancellationToken).ConfigureAwait(false);
            if (!venueFills.IsOk) return _state.Orders.Get(order.ClientOrderId)!;
            foreach (var fill in venueFills.Fills!.OrderBy(f => f.Ts).ThenBy(f => f.TradeId, StringComparer.Ordinal))
            {
                var outcome = _state.Fills.Record(new FillRecord
                {
                    ClientOrderId = order.ClientOrderId,
                    TradeId = fill.TradeId,
                    ProductId = order.ProductId,
                    Side = order.Side,
                    Price = fill.Price,
                    Size = fill.Size,
                    Fee = fill.Fee,
                    Liquidity = fill.Liquidity,
                    Ts = fill.Ts,
                });
                if (outcome != FillOutcome.Recorded) continue;
                recordedSize += fill.Size;
                StartCooldown(order, fill.Ts);
                var afterFill = _state.Orders.Get(order.ClientOrderId)!;
                Audit(cycleId, afterFill, afterFill.Status.ToText(), null, new JsonObject
                {
                    ["event"] = "fill",
                    ["trade_id"] = fill.TradeId,
                    ["price"] = fill.Price.ToString(CultureInfo.InvariantCulture),
                    ["size"] = fill.Size.ToString(CultureInfo.InvariantCulture),
                    ["fee"] = fill.Fee.ToString(CultureInfo.InvariantCulture),
                    ["liquidity"] = fill.Liquidity.ToString().ToLowerInvariant(),
                });
            }
        }

        var current = _state.Orders.Get(order.ClientOrderId)!;
        // A terminal status is written only once every fill the venue reports is recorded (fills may lag the status).
        var allFillsIn = current.FilledSize >= state.FilledSize;
        switch (state.Status)
        {
            case VenueOrderStatus.Filled when allFillsIn:
                SetStatus(cycleId, order.ClientOrderId, OrderStatus.Filled, state.VenueOrderId, null);
                break;
            case VenueOrderStatus.Cancelled when allFillsIn:
                SetStatus(cycleId, order.ClientOrderId, OrderStatus.Cancelled, state.VenueOrderId, state.Reason);
                break;
            case VenueOrderStatus.Expired when allFillsIn:
                SetStatus(cycleId, order.ClientOrderId, OrderStatus.Expired, state.VenueOrderId, state.Reason);
                break;
            case VenueOrderStatus.Failed:
                SetStatus(cycleId, order.ClientOrderId, OrderStatus.Rejected, state.VenueOrderId, state.Reason);
                break;
            default:
                if (current.Status != OrderStatus.Open && current.Status.IsWorking())
                    SetStatus(cycleId, order.ClientOrderId, OrderStatus.Open, state.VenueOrderId, null);
                break;
        }
        return _state.Orders.Get(order.ClientOrderId)!;
    }

    /// <summary>
    /// Cancels working orders in one batch request, then reads each back: an order counts as cancelled only when the
    /// venue says so (one that filled meanwhile gets its fills recorded instead). Returns the orders after reconciling.
    /// </summary>
    public async Task<IReadOnlyList<OrderRecord>> CancelAsync(IReadOnlyList<string> clientOrderIds, long cycleId, CancellationToken cancellationToken)
    {
        var orders = clientOrderIds.Select(id => _state.Orders.Get(id)).OfType<OrderRecord>().Where(o => o.Status.IsWorking()).ToList();
        var venueIds = orders.Select(o => o.VenueOrderId).OfType<string>().ToList();
        if (venueIds.Count > 0)
        {
            var answers = await _venue.CancelAsync(venueIds, cancellationToken).ConfigureAwait(false);
            foreach (var answer in answers.Where(a => !a.Accepted))
                if (_state.Orders.GetByVenueOrderId(answer.VenueOrderId) is { } refused)
                    Audit(cycleId, refused, refused.Status.ToText(), "cancel_refused: " + answer.Reason, null);
        }
        var result = new List<OrderRecord>(orders.Count);
        foreach (var order in orders)
            result.Add(await ReconcileOrderAsync(_state.Orders.Get(order.ClientOrderId)!, cycleId, cancellationToken).ConfigureAwait(false));
        return result;
    }

    private SubmitResult Refuse(SizedOrder sized, ExecutionOrderType type, string clientOrderId, ChainLink? link, long cycleId, string reason)
    {
        // A refused order is registered too (status rejected) so the audit trail has the row and the id is never reused.
        var now = _time.GetUtcNow();
        var record = new OrderRecord
        {
            ClientOrderId = clientOrderId,
            ProductId = sized.ProductId,
            Side = sized.Side,
            OrderType = ExecutionSettings.OrderTypeText(type),
            Price = sized.Price,
            Size = sized.BaseSize,
            Status = OrderStatus.Rejected,
            StatusReason = reason,
            Mode = _settings.Mode,
            CreatedTs = now,
            UpdatedTs = now,
            ParentClientOrderId = link?.Parent,
            ChainStartedTs = link?.ChainStart,
        };
        _state.Orders.TryRegister(record);
        Audit(cycleId, record, OrderStatus.Rejected.ToText(), reason, null);
        return new SubmitResult(clientOrderId, OrderStatus.Rejected, null, reason);
    }

    private void SetStatus(long cycleId, string clientOrderId, OrderStatus status, string? venueOrderId, string? reason)
    {
        var before = _state.Orders.Get(clientOrderId);
        if (!_state.Orders.UpdateStatus(clientOrderId, status, _time.GetUtcNow(), venueOrderId, reason)) return;
        if (before is not null && (before.Status != status || before.VenueOrderId != (venueOrderId ?? before.VenueOrderId)))
            Audit(cycleId, _state.Orders.Get(clientOrderId)!, status.ToText(), reason, null);
    }

    private void StartCooldown(OrderRecord order, DateTimeOffset fillTs)
    {
        var afterStop = _stopExits.ContainsKey(order.ClientOrderId);
        var length = afterStop ? _settings.CooldownAfterStop : _settings.Cooldown;
        var until = fillTs + length;
        var existing = _state.Cooldowns.Active(fillTs).FirstOrDefault(c => c.ProductId == order.ProductId);
        if (existing is not null && existing.Until >= until) return;
        _state.Cooldowns.Set(new CooldownRecord(order.ProductId, until, afterStop ? "stop_out" : "fill", _time.GetUtcNow()));
    }

    private int FillCount(string clientOrderId) => _state.Fills.ForOrder(clientOrderId).Count;

    private void Audit(long cycleId, OrderRecord order, string outcome, string? reason, JsonObject? extra)
    {
        var payload = new JsonObject
        {
            ["client_order_id"] = order.ClientOrderId,
            ["venue_order_id"] = order.VenueOrderId,
            ["side"] = order.Side == OrderSide.Buy ? "BUY" : "SELL",
            ["order_type"] = order.OrderType,
            ["size"] = order.Size?.ToString(CultureInfo.InvariantCulture),
            ["price"] = order.Price?.ToString(CultureInfo.InvariantCulture),
            ["filled_size"] = order.FilledSize.ToString(CultureInfo.InvariantCulture),
            ["fees"] = order.Fees.ToString(CultureInfo.InvariantCulture),
            ["mode"] = order.Mode.ToString(),
        };
        if (order.ParentClientOrderId is not null)
        {
            payload["parent_client_order_id"] = order.ParentClientOrderId;
            payload["chain_started"] = order.ChainStart.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        }
        if (extra is not null)
            foreach (var (key, value) in extra) payload[key] = value?.DeepClone();
        _state.Journal.Append(new DecisionEntry
        {
            CycleId = cycleId,
            Ts = _time.GetUtcNow(),
            ProductId = order.ProductId,
            Kind = AuditKind,
            Outcome = outcome,
            ReasonCode = reason,
            PayloadJson = payload.ToJsonString(),
        });
    }

    /// <summary>What a replacement records about the order it replaces.</summary>
    private sealed record ChainLink(string Parent, DateTimeOffset ChainStart, string Step)
    {
        /// <summary>The replacement's reason: the lifecycle step and the order it replaces.</summary>
        public string Reason => $"{Step}: replaces {Parent}";
    }
}
