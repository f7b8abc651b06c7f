using System.Globalization;
using System.Text.Json.Nodes;
using Trader.Domain.Config;
using Trader.Domain.Market;
using Trader.Domain.Risk;
using Trader.Domain.Sizing;
using Trader.Domain.Trading;
using Trader.Domain.Universe;
using Trader.State.Orders;
using Trader.State.Storage;

namespace Trader.Host.Execution;

/// <summary>
/// What becomes of a post-only order that does not fill (docs/EXECUTION.md "Working-order lifecycle"), once per cycle
/// after the working-order reconcile, for <c>trader run</c> and the PAPER replay / demo alike. A chain starts with the
/// post-only order the decision placed:
/// <list type="bullet">
/// <item>rested ≥ <c>post_only_ttl_seconds</c>, the touch moved away (buy: best bid above its price; sell: best ask
/// below) and the chain younger than <c>cancel_after_seconds</c> → cancel, then the unfilled remainder as a new
/// post-only order at the touch (<see cref="RepriceStep"/>);</item>
/// <item>chain ≥ <c>cancel_after_seconds</c> → cancel, then with <c>taker_fallback</c> the remainder as a limit IOC at
/// the other side's touch plus the tier's <c>taker_max_slippage_bps</c> (<see cref="TakerFallbackStep"/>), without it
/// the chain ends (<see cref="PostOnlyUnfilled"/>).</item>
/// </list>
/// Safety: a replacement is placed only once the venue confirmed the original done (a cancel whose outcome is unknown
/// leaves the order working for reconcile); it is sized by the manager's one <see cref="OrderSizer"/> and never larger than the
/// remainder (REQ-X3, REQ-E2); the send-time gate (kill switch, account halts: NFR-S1) is read right before every
/// send; a stale quote or candle (the staleness gate) defers the step to the next cycle; a product in
/// <c>post_only</c> status gets no IOC; a remainder the sizer refuses (below min notional) ends the chain. Every step is an audit row (kind <c>order</c>) and the chain
/// link (parent client order id, chain start) is stored on the replacement's row, so a restart continues the chain.
/// Calls are expected one at a time, like the <see cref="OrderManager"/>'s.
/// </summary>
public sealed class WorkingOrderLifecycle
{
    /// <summary>Chain step: the remainder re-placed as post-only at the touch.</summary>
    public const string RepriceStep = "post_only_reprice";

    /// <summary>Chain step: the remainder sent as a limit IOC within the slippage budget.</summary>
    public const string TakerFallbackStep = "taker_fallback";

    /// <summary>Audit outcome of the row written on an order the lifecycle asks the venue to cancel.</summary>
    public const string CancelRequested = "cancel_requested";

    /// <summary>Audit outcome of a chain that ends without a replacement (the reason says why).</summary>
    public const string ChainEnded = "chain_ended";

    /// <summary>Reason of the cancel at <c>cancel_after_seconds</c>.</summary>
    public const string CancelAfter = "cancel_after";

    /// <summary>The chain ended at <c>cancel_after_seconds</c> with <c>taker_fallback: false</c>.</summary>
    public const string PostOnlyUnfilled = "post_only_unfilled";

    /// <summary>The product's status allows no taker order (<c>post_only</c>, or anything but online / limit_only).</summary>
    public const string TakerNotAllowed = "taker_not_allowed";

    /// <summary>The product's status allows no new post-only order for this side any more.</summary>
    public const string PostOnlyNotAllowed = "post_only_not_allowed";

    /// <summary>The venue did not confirm a cancel: the order stays working and no replacement is sent.</summary>
    public const string CancelUnconfirmed = "cancel_unconfirmed";

    private const decimal Bps = 10_000m;
    private static readonly string PostOnlyType = ExecutionSettings.OrderTypeText(ExecutionOrderType.LimitPostOnly);

    private readonly OrderManager _manager;
    private readonly StateStore _state;
    private readonly LifecycleSettings _settings;
    private readonly Func<string, ProductMarketView?> _market;
    private readonly Func<string, string?> _tierOf;
    private readonly Func<string?> _sendBlockedBy;
    private readonly TimeProvider _time;
    private readonly Action<SubmitResult> _placed;
    private readonly Func<ProductHealth>? _exchangeHealth;

    /// <param name="market">The product's market view now (quote, staleness, health, product rules).</param>
    /// <param name="tierOf">The product's universe tier (T1, T2, …) for the slippage budget; null when unlisted.</param>
    /// <param name="sendBlockedBy">The send-time gate: a reason code when nothing may be sent now (<see cref="OrderManagerExecutionPort.BlockedBy"/>).</param>
    /// <param name="placed">Told of every replacement placed (the replay's ledger, the run's log).</param>
    /// <param name="exchangeHealth">Exchange-wide health (the status channel); when not online it stands for every product's.</param>
    public WorkingOrderLifecycle(
        OrderManager manager,
        StateStore state,
        LifecycleSettings settings,
        Func<string, ProductMarketView?> market,
        Func<string, string?> tierOf,
        Func<string?> sendBlockedBy,
        TimeProvider time,
        Action<SubmitResult>? placed = null,
        Func<ProductHealth>? exchangeHealth = null)
    {
        _manager = manager ?? throw new ArgumentNullException(nameof(manager));
        _state = state ?? throw new ArgumentNullException(nameof(state));
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _market = market ?? throw new ArgumentNullException(nameof(market));
        _tierOf = tierOf ?? throw new ArgumentNullException(nameof(tierOf));
        _sendBlockedBy = sendBlockedBy ?? throw new ArgumentNullException(nameof(sendBlockedBy));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _placed = placed ?? (_ => { });
        _exchangeHealth = exchangeHealth;
    }

    /// <summary>
    /// The lifecycle of a run or replay, with the policy's settings and each product's slippage budget by its tier in
    /// the configured universe.
    /// </summary>
    public static WorkingOrderLifecycle FromConfig(
        TraderConfig config,
        OrderManager manager,
        StateStore state,
        Func<string, ProductMarketView?> market,
        Func<string?> sendBlockedBy,
        TimeProvider time,
        Action<SubmitResult> placed,
        Func<ProductHealth>? exchangeHealth)
    {
        ArgumentNullException.ThrowIfNull(config);
        var universe = new UniverseMap(config.Universe, config.Policy);
        return new WorkingOrderLifecycle(manager, state, LifecycleSettings.FromPolicy(config.Policy), market,
            id => universe.TierOf(id)?.Name, sendBlockedBy, time, placed, exchangeHealth);
    }

    private enum Step
    {
        None,
        Repriced,
        TakerFallback,
        Ended,
        Deferred,
    }

    /// <summary>One pass over our open post-only orders (call it after the cycle's working-order reconcile).</summary>
    public async Task<LifecycleSummary> RunAsync(long cycleId, CancellationToken cancellationToken)
    {
        int repriced = 0, fallbacks = 0, ended = 0, deferred = 0;
        foreach (var order in _state.Orders.Working())
        {
            switch (await StepAsync(order, cycleId, cancellationToken).ConfigureAwait(false))
            {
                case Step.Repriced: repriced++; break;
                case Step.TakerFallback: fallbacks++; break;
                case Step.Ended: ended++; break;
                case Step.Deferred: deferred++; break;
            }
        }
        return new LifecycleSummary(repriced, fallbacks, ended, deferred);
    }

    private async Task<Step> StepAsync(OrderRecord order, long cycleId, CancellationToken cancellationToken)
    {
        if (order.Status != OrderStatus.Open || order.VenueOrderId is null || order.OrderType != PostOnlyType) return Step.None;
        var now = _time.GetUtcNow();
        var giveUp = now - order.ChainStart >= _settings.CancelAfter;
        if (!giveUp && now - order.CreatedTs < _settings.PostOnlyTtl) return Step.None;
        // No fresh quote: neither a re-price nor a fallback can be priced; the next cycle tries again.
        if (Fresh(order.ProductId) is not { } view) return Step.Deferred;
        var quote = view.Quote!.Value;
        if (!giveUp)
        {
            if (!MovedAway(order, quote)) return Step.None;
            // A re-price that could not be sent keeps the order resting where it is: nothing is cancelled for nothing.
            if (_sendBlockedBy() is not null || !AllowsPostOnly(Health(view), order.Side)) return Step.Deferred;
        }

        var reason = giveUp ? CancelAfter : RepriceStep;
        _manager.JournalChain(cycleId, order, CancelRequested, reason, new JsonObject
        {
            ["rested_seconds"] = Seconds(now - order.CreatedTs),
            ["chain_age_seconds"] = Seconds(now - order.ChainStart),
            ["best_bid"] = Text(quote.Bid),
            ["best_ask"] = Text(quote.Ask),
        });
        await _manager.CancelAsync([order.ClientOrderId], cycleId, cancellationToken).ConfigureAwait(false);
        var done = _state.Orders.Get(order.ClientOrderId)!;
        if (done.Status.IsWorking())
        {
            // Unknown or refused: the order may still trade, so a replacement now could double the exposure.
            _manager.JournalChain(cycleId, done, done.Status.ToText(), CancelUnconfirmed);
            return Step.Deferred;
        }
        var remainder = (done.Size ?? 0m) - done.FilledSize;
        if (done.Status is not (OrderStatus.Cancelled or OrderStatus.Expired) || remainder <= 0m) return Step.None; // filled meanwhile

        // The cancel took a round trip: the gate and the quote are read again right before the send.
        if (_sendBlockedBy() is { } gate) return End(cycleId, done, gate);
        if (Fresh(done.ProductId) is not { } current) return End(cycleId, done, ReasonCodes.StaleQuote);
        return giveUp
            ? await FallBackAsync(done, remainder, current, cycleId, cancellationToken).ConfigureAwait(false)
            : await RepriceAsync(done, remainder, current, cycleId, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Step> RepriceAsync(OrderRecord done, decimal remainder, ProductMarketView view, long cycleId, CancellationToken cancellationToken)
    {
        if (!AllowsPostOnly(Health(view), done.Side)) return End(cycleId, done, PostOnlyNotAllowed);
        var quote = view.Quote!.Value;
        var touch = done.Side == OrderSide.Buy ? quote.Bid : quote.Ask;
        var sized = Size(view.Info, done.Side, remainder, touch, LiquidityRole.Maker);
        if (sized.Order is not { } order) return End(cycleId, done, sized.ReasonCode ?? ReasonCodes.BelowMinNotional, sized.Detail);
        var result = await _manager.ReplaceAsync(done, order, ExecutionOrderType.LimitPostOnly, RepriceStep, cycleId, cancellationToken).ConfigureAwait(false);
        _placed(result);
        return Step.Repriced;
    }

    private async Task<Step> FallBackAsync(OrderRecord done, decimal remainder, ProductMarketView view, long cycleId, CancellationToken cancellationToken)
    {
        if (!_settings.TakerFallback) return End(cycleId, done, PostOnlyUnfilled);
        if (Health(view) is var health && !AllowsTaker(health, done.Side)) return End(cycleId, done, TakerNotAllowed, "status " + health.Status);
        var quote = view.Quote!.Value;
        var budget = _settings.SlippageBps(_tierOf(done.ProductId)) / Bps;
        var limit = done.Side == OrderSide.Buy ? quote.Ask * (1m + budget) : quote.Bid * (1m - budget);
        var sized = Size(view.Info, done.Side, remainder, limit, LiquidityRole.Taker);
        if (sized.Order is not { } order) return End(cycleId, done, sized.ReasonCode ?? ReasonCodes.BelowMinNotional, sized.Detail);
        var result = await _manager.ReplaceAsync(done, order, ExecutionOrderType.LimitIoc, TakerFallbackStep, cycleId, cancellationToken).ConfigureAwait(false);
        _placed(result);
        return Step.TakerFallback;
    }

    /// <summary>
    /// The remainder at <paramref name="price"/> through the one sizer (REQ-X3). A buy's notional is the remainder at the
    /// price already on the increment, used as target and cap, so the sizer neither rounds the size above the
    /// remainder nor bumps it (a bump past the cap is its <c>below_min_notional</c>).
    /// </summary>
    private SizingResult Size(ProductInfo info, OrderSide side, decimal remainder, decimal price, LiquidityRole role)
    {
        SizingResult result;
        if (side == OrderSide.Buy)
        {
            var notional = remainder * OrderSizer.FloorTo(price, info.PriceIncrement);
            result = _manager.Sizer.SizeBuy(info, notional, notional, price, role);
        }
        else result = _manager.Sizer.SizeSell(info, remainder, price, role);
        return result.Order is { } order && order.BaseSize > remainder
            ? SizingResult.Rejected(ReasonCodes.PositionSizeTooLarge, $"the sizer made {order.BaseSize} of a remainder of {remainder}")
            : result;
    }

    private Step End(long cycleId, OrderRecord done, string reason, string? detail = null)
    {
        var extra = new JsonObject { ["remainder"] = Text((done.Size ?? 0m) - done.FilledSize) };
        if (detail is not null) extra["detail"] = detail;
        _manager.JournalChain(cycleId, done, ChainEnded, reason, extra);
        return Step.Ended;
    }

    /// <summary>The product's view when its quote and candle are fresh (the staleness gate, CONTRACTS.md §5), else null.</summary>
    private ProductMarketView? Fresh(string productId) =>
        _market(productId) is { QuoteStale: false, OhlcvStale: false, Quote: { Bid: > 0m } q } view && q.Ask > q.Bid ? view : null;

    private ProductHealth Health(ProductMarketView view) =>
        _exchangeHealth?.Invoke() is { Status: not ProductStatus.Online } exchange ? exchange : view.Health;

    private static bool MovedAway(OrderRecord order, Quote quote) => order.Price is { } price &&
        (order.Side == OrderSide.Buy ? quote.Bid > price : quote.Ask < price);

    /// <summary>Buys add exposure: online only (as risk allows entries). Sells reduce it: also under limit_only / post_only.</summary>
    private static bool AllowsPostOnly(ProductHealth health, OrderSide side) => side == OrderSide.Buy
        ? health.AllowsEntries
        : health.Status is ProductStatus.Online or ProductStatus.LimitOnly or ProductStatus.PostOnly;

    /// <summary>An IOC takes liquidity: never in post_only status; a sell may also go under limit_only (it is a limit order).</summary>
    private static bool AllowsTaker(ProductHealth health, OrderSide side) => side == OrderSide.Buy
        ? health.AllowsEntries
        : health.Status is ProductStatus.Online or ProductStatus.LimitOnly;

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
