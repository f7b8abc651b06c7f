using System.Text.Json.Nodes;
using Trader.ExchangeSim.Formatting;
using Trader.ExchangeSim.Market;
using Trader.ExchangeSim.Trading;
using Trader.ExchangeSim.WebSockets;

namespace Trader.ExchangeSim;

internal sealed partial class Venue
{
    private const string UnsetTime = "0001-01-01T00:00:00Z";

    private sealed record SweepResult(List<(decimal Price, decimal Size)> Fills, bool Satisfied)
    {
        public decimal Base => Fills.Sum(f => f.Size);
        public decimal Value => Fills.Sum(f => f.Price * f.Size);
    }

    /// <summary>POST /orders. Returns the response body and whether the order was booked.</summary>
    public (JsonObject Body, SimOrder? Booked) CreateOrder(OrderRequest request)
    {
        lock (Gate)
        {
            if (_ordersByClientId.TryGetValue(request.ClientOrderId, out var existing))
            {
                if (JsonNode.DeepEquals(existing.Request.Body, request.Body) || !_options.RejectConflictingClientOrderId)
                    return (SuccessBody(existing), null);
                return (FailureBody(OrderFailure.NewOrder("DUPLICATE_CLIENT_ORDER_ID", "client_order_id is already used by another order"), request.Configuration), null);
            }
            var (failure, effective, sweep) = Evaluate(request);
            if (failure is not null) return (FailureBody(failure, request.Configuration), null);

            var market = _markets[effective!.ProductId];
            var order = new SimOrder(NewUuid(), effective, Now);
            _orders.Add(order);
            _ordersById[order.OrderId] = order;
            _ordersByClientId[order.ClientOrderId] = order;

            var fok = effective.IsFok && !sweep!.Satisfied;
            if (!fok) ExecuteTaker(order, market, sweep!.Fills);
            if (effective.Rests && order.FilledSize < effective.BaseSize) order.Status = "OPEN";
            else
            {
                order.Status = sweep!.Satisfied && !fok ? "FILLED" : "CANCELLED";
                if (order.Status == "CANCELLED") order.CancelMessage = fok ? "Fill or kill order could not be filled" : "IOC order partially filled or unfilled";
                order.EndTime = Now;
            }
            PublishUser(order);
            return (SuccessBody(order), order);
        }
    }

    /// <summary>POST /orders/preview: the same checks and sweep, nothing booked.</summary>
    public JsonObject Preview(OrderRequest request)
    {
        lock (Gate)
        {
            var (failure, effective, sweep) = Evaluate(request);
            var market = Market(request.ProductId);
            var errs = new JsonArray();
            if (failure is not null) errs.Add(failure.PreviewReason);
            var value = sweep?.Value ?? 0m;
            var baseSize = sweep?.Base ?? 0m;
            if (effective is { IsMarket: false, BaseSize: { } b, LimitPrice: { } lp } && (sweep is null || sweep.Base < b))
            {
                value += (b - baseSize) * lp;
                baseSize = b;
            }
            var commission = value * _options.TakerFeeRate;
            var total = request.IsBuy ? value + commission : value - commission;
            return new JsonObject
            {
                ["order_total"] = Wire.Num(total),
                ["commission_total"] = Wire.Num(commission),
                ["errs"] = errs,
                ["warning"] = new JsonArray(),
                ["quote_size"] = Wire.Num(value),
                ["base_size"] = Wire.Num(baseSize),
                ["best_bid"] = market?.Book.BestBid is { } bb ? Wire.Num(bb.Price) : "",
                ["best_ask"] = market?.Book.BestAsk is { } ba ? Wire.Num(ba.Price) : "",
                ["is_max"] = false,
                ["order_margin_total"] = "0",
                ["leverage"] = "1",
                ["long_leverage"] = "1",
                ["short_leverage"] = "1",
                ["slippage"] = Wire.Num(Slippage(market, sweep)),
                ["preview_id"] = NewUuid(),
                ["current_liquidation_buffer"] = "",
                ["projected_liquidation_buffer"] = "",
                ["max_leverage"] = "",
                ["pnl_configuration"] = null,
            };
        }
    }

    private static decimal Slippage(ProductMarket? market, SweepResult? sweep)
    {
        if (market is null || sweep is null || sweep.Fills.Count == 0) return 0m;
        var first = sweep.Fills[0].Price;
        var average = sweep.Value / sweep.Base;
        return Math.Round(Math.Abs(average - first) / first, 10);
    }

    /// <summary>Validates a request against the product, the book and the balances and sweeps the book.</summary>
    private (OrderFailure? Failure, OrderRequest? Effective, SweepResult? Sweep) Evaluate(OrderRequest request)
    {
        if (Market(request.ProductId) is not { } market)
            return (OrderFailure.NewOrder("INVALID_PRODUCT_ID", "Invalid product_id"), null, null);
        var product = market.Product;
        if (request.Side is not ("BUY" or "SELL"))
            return (OrderFailure.NewOrder("INVALID_SIDE", "Invalid side"), null, null);
        if (!OrderRequest.SupportedKinds.Contains(request.ConfigKind))
            return (OrderFailure.NewOrder("UNSUPPORTED_ORDER_CONFIGURATION", $"{request.ConfigKind} is not supported by the simulator"), null, null);
        if (product.TradingDisabled || product.Status != "online")
            return (OrderFailure.NewOrder("TRADING_DISABLED", "Trading is disabled for this product"), null, null);
        if (product.CancelOnly)
            return (OrderFailure.NewOrder("ORDER_ENTRY_DISABLED", "Product is in cancel only mode"), null, null);
        if (product.LimitOnly && request.IsMarket)
            return (OrderFailure.NewOrder("UNSUPPORTED_ORDER_CONFIGURATION", "Product is in limit only mode"), null, null);
        if (product.PostOnly && !(request.Rests && request.PostOnly))
            return (OrderFailure.NewOrder("UNSUPPORTED_ORDER_CONFIGURATION", "Product is in post only mode"), null, null);

        if (request.IsMarket)
        {
            if (request.LimitPrice is not null)
                return (OrderFailure.NewOrder("PRICE_NOT_ALLOWED_FOR_MARKET_ORDERS", "A market order takes no limit_price"), null, null);
            if (request.BaseSize is null == request.QuoteSize is null)
                return (OrderFailure.NewOrder("INVALID_REQUEST", "A market order needs exactly one of base_size and quote_size"), null, null);
        }
        else
        {
            if (request.LimitPrice is not { } limit || limit <= 0)
                return (OrderFailure.NewOrder("INVALID_LIMIT_PRICE", "A limit order needs a positive limit_price"), null, null);
            if (!Wire.IsMultipleOf(limit, product.PriceIncrement))
                return (OrderFailure.NewOrder("INVALID_PRICE_PRECISION", "Invalid price precision"), null, null);
            if (request.BaseSize is null && request.QuoteSize is null)
                return (OrderFailure.NewOrder("INVALID_REQUEST", "A limit order needs base_size"), null, null);
        }
        if (request.BaseSize is { } baseSize)
        {
            if (!Wire.IsMultipleOf(baseSize, product.BaseIncrement))
                return (OrderFailure.NewOrder("INVALID_SIZE_PRECISION", "Invalid base size precision", "PREVIEW_INVALID_BASE_SIZE_PRECISION"), null, null);
            if (baseSize < product.BaseMinSize || baseSize <= 0)
                return (OrderFailure.Preview("INVALID_BASE_SIZE_TOO_SMALL", "base_size is below the product minimum", "PREVIEW_INVALID_BASE_SIZE_TOO_SMALL"), null, null);
            if (baseSize > product.BaseMaxSize)
                return (OrderFailure.Preview("INVALID_BASE_SIZE_TOO_LARGE", "base_size is above the product maximum", "PREVIEW_INVALID_BASE_SIZE_TOO_LARGE"), null, null);
        }
        if (request.QuoteSize is { } quoteSize)
        {
            if (!Wire.IsMultipleOf(quoteSize, product.QuoteIncrement))
                return (OrderFailure.NewOrder("INVALID_SIZE_PRECISION", "Invalid quote size precision", "PREVIEW_INVALID_QUOTE_SIZE_PRECISION"), null, null);
            if (quoteSize < product.QuoteMinSize || quoteSize <= 0)
                return (OrderFailure.Preview("INVALID_QUOTE_SIZE_TOO_SMALL", "quote_size is below the product minimum", "PREVIEW_INVALID_QUOTE_SIZE_TOO_SMALL"), null, null);
            if (quoteSize > product.QuoteMaxSize)
                return (OrderFailure.Preview("INVALID_QUOTE_SIZE_TOO_LARGE", "quote_size is above the product maximum", "PREVIEW_INVALID_QUOTE_SIZE_TOO_LARGE"), null, null);
        }

        var effective = request;
        if (!request.IsMarket && request.BaseSize is null)
        {
            var converted = Wire.FloorTo(request.QuoteSize!.Value / request.LimitPrice!.Value, product.BaseIncrement);
            if (converted < product.BaseMinSize || converted <= 0)
                return (OrderFailure.Preview("INVALID_BASE_SIZE_TOO_SMALL", "quote_size buys less than the product minimum", "PREVIEW_INVALID_BASE_SIZE_TOO_SMALL"), null, null);
            effective = request with { BaseSize = converted };
        }
        if (!effective.IsMarket && effective.BaseSize!.Value * effective.LimitPrice!.Value < product.QuoteMinSize)
            return (OrderFailure.Preview("INVALID_QUOTE_SIZE_TOO_SMALL", "order value is below the product minimum", "PREVIEW_INVALID_QUOTE_SIZE_TOO_SMALL"), null, null);

        if (effective.Rests && effective.PostOnly)
        {
            var crosses = effective.IsBuy
                ? market.Book.BestAsk is { } ask && effective.LimitPrice >= ask.Price
                : market.Book.BestBid is { } bid && effective.LimitPrice <= bid.Price;
            if (crosses) return (OrderFailure.PostOnlyWouldCross, null, null);
        }

        var sweep = effective.Rests && effective.PostOnly ? new SweepResult(new(), false) : Sweep(market, effective);
        if (effective.IsMarket && sweep.Fills.Count == 0)
            return (OrderFailure.NewOrder("INVALID_NO_LIQUIDITY", "There is no liquidity to fill this order"), null, null);

        decimal required;
        string currency;
        if (effective.IsBuy)
        {
            currency = product.QuoteCurrency;
            required = effective switch
            {
                { IsMarket: true, QuoteSize: { } q } => q,
                { IsMarket: true } => sweep.Value * (1m + _options.TakerFeeRate),
                _ => effective.BaseSize!.Value * effective.LimitPrice!.Value * (1m + Math.Max(_options.TakerFeeRate, _options.MakerFeeRate)),
            };
        }
        else
        {
            currency = product.BaseCurrency;
            required = effective.BaseSize ?? sweep.Base;
        }
        if (required > Available(currency)) return (OrderFailure.InsufficientFund, null, null);
        return (null, effective, sweep);
    }

    /// <summary>Walks the opposite side of the book, best first, within the limit price, for the order's size.</summary>
    private SweepResult Sweep(ProductMarket market, OrderRequest request)
    {
        var product = market.Product;
        var fills = new List<(decimal, decimal)>();
        var remainingBase = request.BaseSize;
        var budget = request.QuoteSize ?? 0m;
        foreach (var (price, size) in market.Book.Levels(bid: !request.IsBuy, 0))
        {
            if (request.LimitPrice is { } limit && (request.IsBuy ? price > limit : price < limit)) break;
            decimal take;
            if (remainingBase is { } left) take = Math.Min(size, left);
            else
            {
                var unitCost = request.IsBuy ? price * (1m + _options.TakerFeeRate) : price;
                take = Math.Min(size, Wire.FloorTo(budget / unitCost, product.BaseIncrement));
                if (take <= 0) return new SweepResult(fills, true);
            }
            fills.Add((price, take));
            if (remainingBase is not null)
            {
                remainingBase -= take;
                if (remainingBase == 0) return new SweepResult(fills, true);
            }
            else
            {
                budget -= request.IsBuy ? price * take * (1m + _options.TakerFeeRate) : price * take;
                if (take < size) return new SweepResult(fills, true);
            }
        }
        return new SweepResult(fills, false);
    }

    /// <summary>Takes liquidity: fills, balances, book depletion, public trades and ticker.</summary>
    private void ExecuteTaker(SimOrder order, ProductMarket market, List<(decimal Price, decimal Size)> fills)
    {
        if (fills.Count == 0) return;
        var changes = new List<(bool, decimal, decimal)>();
        var trades = new List<MarketTrade>();
        foreach (var (price, size) in fills)
        {
            ApplyFill(order, market.Product, price, size, maker: false);
            var side = market.Book.Side(!order.IsBuy);
            var left = side.GetValueOrDefault(price) - size;
            market.Book.Set(!order.IsBuy, price, left);
            changes.Add((!order.IsBuy, price, Math.Max(0m, left)));
            trades.Add(new MarketTrade(NextPublicTradeId(), market.Product.ProductId, price, size, order.IsBuy ? "SELL" : "BUY", Now));
        }
        PublishLevel2(market, changes);
        RecordTrades(market, trades);
        PublishTicker(market, "update");
    }

    private void ApplyFill(SimOrder order, SimProduct product, decimal price, decimal size, bool maker)
    {
        var value = price * size;
        var commission = value * (maker ? _options.MakerFeeRate : _options.TakerFeeRate);
        order.FilledSize += size;
        order.FilledValue += value;
        order.TotalFees += commission;
        order.NumberOfFills++;
        order.LastFillTime = Now;
        if (order.IsBuy)
        {
            _balances[product.QuoteCurrency] = Balance(product.QuoteCurrency) - value - commission;
            _balances[product.BaseCurrency] = Balance(product.BaseCurrency) + size;
        }
        else
        {
            _balances[product.BaseCurrency] = Balance(product.BaseCurrency) - size;
            _balances[product.QuoteCurrency] = Balance(product.QuoteCurrency) + value - commission;
        }
        _tradedVolume += value;
        _paidFees += commission;
        _fills.Add(new SimFill(NewEntryId(), NewUuid(), order.OrderId, order.ProductId, order.Request.Side, price, size, commission,
            maker, order.Request.QuoteSize is not null, Now));
    }

    /// <summary>Resting limit orders fill completely, as maker at their limit price, once the book crosses them
    /// (best ask at or below a buy, best bid at or above a sell) or a public trade prints through them.</summary>
    private void FillRestingOrders(ProductMarket market, decimal? tradePrice)
    {
        foreach (var order in _orders)
        {
            if (!order.IsOpen || order.ProductId != market.Product.ProductId || order.Request.LimitPrice is not { } limit) continue;
            var crossed = order.IsBuy
                ? (market.Book.BestAsk is { } ask && ask.Price <= limit) || tradePrice < limit
                : (market.Book.BestBid is { } bid && bid.Price >= limit) || tradePrice > limit;
            if (!crossed || order.LeavesBase <= 0) continue;
            ApplyFill(order, market.Product, limit, order.LeavesBase, maker: true);
            order.Status = "FILLED";
            order.EndTime = Now;
            PublishUser(order);
        }
    }

    /// <summary>POST /orders/batch_cancel.</summary>
    public JsonObject BatchCancel(IEnumerable<string> orderIds)
    {
        lock (Gate)
        {
            var results = new JsonArray();
            foreach (var id in orderIds)
            {
                string? failure = null;
                if (!_ordersById.TryGetValue(id, out var order)) failure = "UNKNOWN_CANCEL_ORDER";
                else if (order.Status == "CANCELLED") failure = "DUPLICATE_CANCEL_REQUEST";
                else if (!order.IsOpen) failure = "COMMANDER_REJECTED_CANCEL_ORDER";
                else
                {
                    order.Status = "CANCELLED";
                    order.CancelMessage = "User requested cancel";
                    order.EndTime = Now;
                    PublishUser(order);
                }
                results.Add(new JsonObject
                {
                    ["success"] = failure is null,
                    ["failure_reason"] = failure ?? "UNKNOWN_CANCEL_FAILURE_REASON",
                    ["order_id"] = id,
                });
            }
            return new JsonObject { ["results"] = results };
        }
    }

    private void PublishUser(SimOrder order)
    {
        if (!_hub.AnyWants("user", order.ProductId)) return;
        var events = new JsonArray
        {
            new JsonObject { ["type"] = "update", ["orders"] = new JsonArray { UserOrderJson(order) }, ["positions"] = EmptyPositions.DeepClone() },
        };
        _hub.PublishUser(order.ProductId, new WsFrame("user", Now, events.ToText()));
    }

    private JsonObject SuccessBody(SimOrder order) => new()
    {
        ["success"] = true,
        ["success_response"] = new JsonObject
        {
            ["order_id"] = order.OrderId,
            ["product_id"] = order.ProductId,
            ["side"] = order.Request.Side,
            ["client_order_id"] = order.ClientOrderId,
            ["attached_order_id"] = "",
        },
        ["order_configuration"] = EchoConfiguration(order.Request.Configuration),
    };

    private static JsonObject FailureBody(OrderFailure failure, JsonObject configuration) => new()
    {
        ["success"] = false,
        ["error_response"] = new JsonObject
        {
            ["error"] = failure.Error,
            ["message"] = failure.Message,
            ["error_details"] = failure.Message,
            ["preview_failure_reason"] = failure.ShowPreviewOnCreate ? failure.PreviewReason : OrderFailure.NoPreviewReason,
            ["new_order_failure_reason"] = failure.NewOrderReason,
        },
        ["order_configuration"] = EchoConfiguration(configuration),
    };

    private static JsonObject EchoConfiguration(JsonObject configuration)
    {
        var echo = configuration.DeepClone().AsObject();
        if (echo["market_market_ioc"] is JsonObject market)
        {
            market["rfq_enabled"] ??= false;
            market["rfq_disabled"] ??= false;
        }
        return echo;
    }

    /// <summary>The REST order object (wire-format.md §2.6, samples/rest-get-order-response.json).</summary>
    private JsonObject OrderJson(SimOrder o)
    {
        var product = _markets[o.ProductId].Product;
        return new JsonObject
        {
            ["order_id"] = o.OrderId,
            ["product_id"] = o.ProductId,
            ["user_id"] = _options.UserId,
            ["order_configuration"] = o.Request.Configuration.DeepClone(),
            ["side"] = o.Request.Side,
            ["client_order_id"] = o.ClientOrderId,
            ["status"] = o.Status,
            ["time_in_force"] = o.TimeInForce,
            ["created_time"] = Wire.Time(o.CreatedTime),
            ["completion_percentage"] = Wire.Num(o.CompletionPercentage),
            ["filled_size"] = Wire.Num(o.FilledSize),
            ["average_filled_price"] = Wire.Num(o.AveragePrice),
            ["fee"] = "",
            ["number_of_fills"] = o.NumberOfFills.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["filled_value"] = Wire.Num(o.FilledValue),
            ["pending_cancel"] = false,
            ["size_in_quote"] = o.Request.QuoteSize is not null,
            ["total_fees"] = Wire.Num(o.TotalFees),
            ["size_inclusive_of_fees"] = o.Request.QuoteSize is not null && o.IsBuy && o.Request.IsMarket,
            ["total_value_after_fees"] = Wire.Num(o.TotalValueAfterFees),
            ["trigger_status"] = "INVALID_ORDER_TYPE",
            ["order_type"] = o.OrderType,
            ["reject_reason"] = "REJECT_REASON_UNSPECIFIED",
            ["settled"] = !o.IsOpen,
            ["product_type"] = "SPOT",
            ["reject_message"] = "",
            ["cancel_message"] = o.CancelMessage,
            ["order_placement_source"] = "RETAIL_ADVANCED",
            ["outstanding_hold_amount"] = Wire.Num(OrderHold(o, product, o.IsBuy ? product.QuoteCurrency : product.BaseCurrency)),
            ["is_liquidation"] = false,
            ["last_fill_time"] = o.LastFillTime is { } t ? Wire.Time(t) : null,
            ["edit_history"] = new JsonArray(),
            ["leverage"] = "",
            ["margin_type"] = "UNKNOWN_MARGIN_TYPE",
            ["retail_portfolio_id"] = _options.PortfolioId,
            ["originating_order_id"] = "",
            ["attached_order_id"] = "",
        };
    }

    /// <summary>The user-channel order object (wire-format.md §1.4, samples/ws-user-snapshot.json).</summary>
    private JsonObject UserOrderJson(SimOrder o)
    {
        var product = _markets[o.ProductId].Product;
        var leaves = o.IsOpen ? o.LeavesBase : 0m;
        return new JsonObject
        {
            ["avg_price"] = Wire.Num(o.AveragePrice),
            ["cancel_reason"] = o.Status == "CANCELLED" ? o.CancelMessage : "",
            ["client_order_id"] = o.ClientOrderId,
            ["completion_percentage"] = Wire.Num(o.CompletionPercentage),
            ["contract_expiry_type"] = "UNKNOWN_CONTRACT_EXPIRY_TYPE",
            ["cumulative_quantity"] = Wire.Num(o.FilledSize),
            ["filled_value"] = Wire.Num(o.FilledValue),
            ["leaves_quantity"] = Wire.Num(leaves),
            ["limit_price"] = o.Request.LimitPrice is { } lp ? Wire.Num(lp) : "",
            ["number_of_fills"] = o.NumberOfFills.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["order_id"] = o.OrderId,
            ["order_side"] = o.Request.Side,
            ["order_type"] = o.Request.IsMarket ? "Market" : "Limit",
            ["outstanding_hold_amount"] = Wire.Num(OrderHold(o, product, o.IsBuy ? product.QuoteCurrency : product.BaseCurrency)),
            ["post_only"] = o.Request.PostOnly ? "true" : "false",
            ["product_id"] = o.ProductId,
            ["product_type"] = "SPOT",
            ["reject_reason"] = "",
            ["retail_portfolio_id"] = _options.PortfolioId,
            ["risk_managed_by"] = "UNKNOWN_RISK_MANAGEMENT_TYPE",
            ["status"] = o.Status,
            ["stop_price"] = "",
            ["time_in_force"] = o.TimeInForce,
            ["total_fees"] = Wire.Num(o.TotalFees),
            ["total_value_after_fees"] = Wire.Num(o.TotalValueAfterFees),
            ["trigger_status"] = "INVALID_ORDER_TYPE",
            ["creation_time"] = Wire.Time(o.CreatedTime),
            ["end_time"] = o.EndTime is { } end ? Wire.Time(end) : UnsetTime,
            ["start_time"] = UnsetTime,
        };
    }
}
