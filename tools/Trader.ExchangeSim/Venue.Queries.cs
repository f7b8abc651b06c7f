using System.Globalization;
using System.Text.Json.Nodes;
using Trader.ExchangeSim.Formatting;
using Trader.ExchangeSim.Market;
using Trader.ExchangeSim.Trading;

namespace Trader.ExchangeSim;

internal sealed partial class Venue
{
    public JsonObject? GetOrder(string orderId)
    {
        lock (Gate) return _ordersById.TryGetValue(orderId, out var order) ? new JsonObject { ["order"] = OrderJson(order) } : null;
    }

    /// <summary>GET /orders/historical/batch, newest first. <paramref name="clientOrderIds"/> is a simulator extension.</summary>
    public JsonObject ListOrders(IReadOnlyCollection<string> orderIds, IReadOnlyCollection<string> productIds, IReadOnlyCollection<string> statuses,
        IReadOnlyCollection<string> clientOrderIds, string? side, DateTimeOffset? startDate, DateTimeOffset? endDate, int limit, int offset)
    {
        lock (Gate)
        {
            var matches = new List<SimOrder>();
            for (var i = _orders.Count - 1; i >= 0; i--)
            {
                var o = _orders[i];
                if (orderIds.Count > 0 && !orderIds.Contains(o.OrderId)) continue;
                if (productIds.Count > 0 && !productIds.Contains(o.ProductId)) continue;
                if (statuses.Count > 0 && !statuses.Contains(o.Status)) continue;
                if (clientOrderIds.Count > 0 && !clientOrderIds.Contains(o.ClientOrderId)) continue;
                if (!string.IsNullOrEmpty(side) && o.Request.Side != side) continue;
                if (startDate is { } s && o.CreatedTime < s) continue;
                if (endDate is { } e && o.CreatedTime >= e) continue;
                matches.Add(o);
            }
            var page = matches.Skip(offset).Take(limit).ToList();
            var hasNext = offset + page.Count < matches.Count;
            return new JsonObject
            {
                ["orders"] = Wire.Array(page.Select(OrderJson)),
                ["sequence"] = "0",
                ["has_next"] = hasNext,
                ["cursor"] = hasNext ? (offset + page.Count).ToString(CultureInfo.InvariantCulture) : "",
                ["proof_token_required"] = false,
            };
        }
    }

    /// <summary>GET /orders/historical/fills, newest first.</summary>
    public JsonObject ListFills(IReadOnlyCollection<string> orderIds, IReadOnlyCollection<string> productIds, IReadOnlyCollection<string> tradeIds, int limit, int offset)
    {
        lock (Gate)
        {
            var matches = new List<SimFill>();
            for (var i = _fills.Count - 1; i >= 0; i--)
            {
                var f = _fills[i];
                if (orderIds.Count > 0 && !orderIds.Contains(f.OrderId)) continue;
                if (productIds.Count > 0 && !productIds.Contains(f.ProductId)) continue;
                if (tradeIds.Count > 0 && !tradeIds.Contains(f.TradeId)) continue;
                matches.Add(f);
            }
            var page = matches.Skip(offset).Take(limit).ToList();
            var hasNext = offset + page.Count < matches.Count;
            return new JsonObject
            {
                ["fills"] = Wire.Array(page.Select(f => (JsonNode)new JsonObject
                {
                    ["entry_id"] = f.EntryId,
                    ["trade_id"] = f.TradeId,
                    ["order_id"] = f.OrderId,
                    ["trade_time"] = Wire.Time(f.Time),
                    ["trade_type"] = "FILL",
                    ["price"] = Wire.Num(f.Price),
                    ["size"] = Wire.Num(f.Size),
                    ["commission"] = Wire.Num(f.Commission),
                    ["product_id"] = f.ProductId,
                    ["sequence_timestamp"] = Wire.Time(f.Time),
                    ["liquidity_indicator"] = f.IsMaker ? "MAKER" : "TAKER",
                    ["size_in_quote"] = f.SizeInQuote,
                    ["user_id"] = _options.UserId,
                    ["side"] = f.Side,
                    ["retail_portfolio_id"] = _options.PortfolioId,
                })),
                ["cursor"] = hasNext ? (offset + page.Count).ToString(CultureInfo.InvariantCulture) : "",
            };
        }
    }

    private JsonObject AccountJson(string currency)
    {
        var hold = Hold(currency);
        var fiat = currency is "USD" or "EUR" or "GBP" or "SGD";
        return new JsonObject
        {
            ["uuid"] = AccountUuid(currency),
            ["name"] = fiat ? $"Cash ({currency})" : $"{currency} Wallet",
            ["currency"] = currency,
            ["available_balance"] = new JsonObject { ["value"] = Wire.Num(Balance(currency) - hold), ["currency"] = currency },
            ["default"] = false,
            ["active"] = true,
            ["created_at"] = Wire.Time(Start),
            ["updated_at"] = Wire.Time(Now),
            ["deleted_at"] = null,
            ["type"] = fiat ? "ACCOUNT_TYPE_FIAT" : "ACCOUNT_TYPE_CRYPTO",
            ["ready"] = true,
            ["hold"] = new JsonObject { ["value"] = Wire.Num(hold), ["currency"] = currency },
            ["retail_portfolio_id"] = _options.PortfolioId,
            ["platform"] = "ACCOUNT_PLATFORM_CONSUMER",
        };
    }

    public JsonObject Accounts(int limit, int offset)
    {
        lock (Gate)
        {
            var all = Currencies().ToList();
            var page = all.Skip(offset).Take(limit).ToList();
            var hasNext = offset + page.Count < all.Count;
            return new JsonObject
            {
                ["accounts"] = Wire.Array(page.Select(AccountJson)),
                ["has_next"] = hasNext,
                ["cursor"] = hasNext ? (offset + page.Count).ToString(CultureInfo.InvariantCulture) : "",
                ["size"] = page.Count,
            };
        }
    }

    public JsonObject? Account(string uuid)
    {
        lock (Gate)
        {
            var currency = Currencies().FirstOrDefault(c => AccountUuid(c) == uuid);
            return currency is null ? null : new JsonObject { ["account"] = AccountJson(currency) };
        }
    }

    private JsonObject ProductJson(ProductMarket market)
    {
        var p = market.Product;
        var price = market.LastPrice ?? Mid(market);
        var (volume, low, high, open) = market.Stats24H(Now);
        var change = open is { } o && o != 0 && price is { } px ? (px - o) / o * 100m : 0m;
        return new JsonObject
        {
            ["product_id"] = p.ProductId,
            ["price"] = price is { } v ? Wire.Num(v) : "",
            ["price_percentage_change_24h"] = Wire.Num(Math.Round(change, 14)),
            ["volume_24h"] = Wire.Num(volume),
            ["volume_percentage_change_24h"] = "0",
            ["base_increment"] = Wire.Num(p.BaseIncrement),
            ["quote_increment"] = Wire.Num(p.QuoteIncrement),
            ["quote_min_size"] = Wire.Num(p.QuoteMinSize),
            ["quote_max_size"] = Wire.Num(p.QuoteMaxSize),
            ["base_min_size"] = Wire.Num(p.BaseMinSize),
            ["base_max_size"] = Wire.Num(p.BaseMaxSize),
            ["base_name"] = p.BaseName,
            ["quote_name"] = p.QuoteName,
            ["watched"] = false,
            ["is_disabled"] = false,
            ["new"] = false,
            ["status"] = p.Status,
            ["cancel_only"] = p.CancelOnly,
            ["limit_only"] = p.LimitOnly,
            ["post_only"] = p.PostOnly,
            ["trading_disabled"] = p.TradingDisabled,
            ["auction_mode"] = false,
            ["product_type"] = "SPOT",
            ["quote_currency_id"] = p.QuoteCurrency,
            ["base_currency_id"] = p.BaseCurrency,
            ["fcm_trading_session_details"] = null,
            ["mid_market_price"] = "",
            ["alias"] = "",
            ["alias_to"] = new JsonArray(),
            ["base_display_symbol"] = p.BaseCurrency,
            ["quote_display_symbol"] = p.QuoteCurrency,
            ["view_only"] = false,
            ["price_increment"] = Wire.Num(p.PriceIncrement),
            ["display_name"] = p.ProductId,
            ["product_venue"] = "CBE",
            ["approximate_quote_24h_volume"] = Wire.Num(Math.Round(volume * (price ?? 0m), 2)),
            ["best_bid_price"] = market.Book.BestBid is { } bb ? Wire.Num(bb.Price) : "",
            ["best_ask_price"] = market.Book.BestAsk is { } ba ? Wire.Num(ba.Price) : "",
            ["new_at"] = Wire.Time(Start),
            ["market_cap"] = "",
            ["base_cbrn"] = "",
            ["quote_cbrn"] = "",
            ["product_cbrn"] = "",
            ["icon_color"] = "",
            ["icon_url"] = "",
            ["display_name_overwrite"] = "",
            ["is_alpha_testing"] = false,
            ["about_description"] = "",
            ["high_24h"] = Wire.Num(high),
            ["low_24h"] = Wire.Num(low),
            ["hidden_from_discovery"] = false,
        };
    }

    public JsonObject? Product(string productId)
    {
        lock (Gate) return Market(productId) is { } m ? ProductJson(m) : null;
    }

    public JsonObject Products(IReadOnlyCollection<string> productIds, int limit, int offset)
    {
        lock (Gate)
        {
            var all = _productOrder.Where(id => productIds.Count == 0 || productIds.Contains(id)).ToList();
            var page = all.Skip(offset).Take(limit > 0 ? limit : int.MaxValue).ToList();
            return new JsonObject
            {
                ["products"] = Wire.Array(page.Select(id => ProductJson(_markets[id]))),
                ["num_products"] = all.Count,
                ["pagination"] = new JsonObject
                {
                    ["prev_cursor"] = "",
                    ["next_cursor"] = "",
                    ["has_next"] = offset + page.Count < all.Count,
                    ["has_prev"] = offset > 0,
                },
            };
        }
    }

    private JsonObject PriceBook(ProductMarket market, int limit) => new()
    {
        ["product_id"] = market.Product.ProductId,
        ["bids"] = Wire.Array(market.Book.Levels(true, limit).Select(l => (JsonNode)new JsonObject { ["price"] = Wire.Num(l.Price), ["size"] = Wire.Num(l.Size) })),
        ["asks"] = Wire.Array(market.Book.Levels(false, limit).Select(l => (JsonNode)new JsonObject { ["price"] = Wire.Num(l.Price), ["size"] = Wire.Num(l.Size) })),
        ["time"] = Wire.Time(Now),
    };

    /// <summary>GET /best_bid_ask; null when a requested product is unknown.</summary>
    public JsonObject? BestBidAsk(IReadOnlyCollection<string> productIds)
    {
        lock (Gate)
        {
            var ids = productIds.Count > 0 ? productIds.ToList() : _productOrder.ToList();
            if (ids.Any(id => !_markets.ContainsKey(id))) return null;
            return new JsonObject { ["pricebooks"] = Wire.Array(ids.Select(id => PriceBook(_markets[id], 1))) };
        }
    }

    public JsonObject? ProductBook(string productId, int limit)
    {
        lock (Gate)
        {
            if (Market(productId) is not { } market) return null;
            var body = new JsonObject { ["pricebook"] = PriceBook(market, limit) };
            var bid = market.Book.BestBid;
            var ask = market.Book.BestAsk;
            body["last"] = market.LastPrice is { } last ? Wire.Num(last) : "";
            if (bid is { } b && ask is { } a)
            {
                var mid = (b.Price + a.Price) / 2m;
                body["mid_market"] = Wire.Num(mid);
                body["spread_bps"] = Wire.Num(Math.Round((a.Price - b.Price) / mid * 10000m, 10));
                body["spread_absolute"] = Wire.Num(a.Price - b.Price);
            }
            else
            {
                body["mid_market"] = "";
                body["spread_bps"] = "";
                body["spread_absolute"] = "";
            }
            return body;
        }
    }

    public JsonObject? Candles(string productId, long start, long end, long granularitySeconds)
    {
        lock (Gate)
        {
            if (Market(productId) is not { } market) return null;
            var bars = market.Candles(granularitySeconds, start / granularitySeconds * granularitySeconds, end);
            return new JsonObject
            {
                ["candles"] = Wire.Array(bars.Select(bar => (JsonNode)new JsonObject
                {
                    ["start"] = Wire.UnixSeconds(bar.Start),
                    ["low"] = Wire.Num(bar.Low),
                    ["high"] = Wire.Num(bar.High),
                    ["open"] = Wire.Num(bar.Open),
                    ["close"] = Wire.Num(bar.Close),
                    ["volume"] = Wire.Num(bar.Volume),
                })),
            };
        }
    }

    public JsonObject? Ticker(string productId, int limit)
    {
        lock (Gate)
        {
            if (Market(productId) is not { } market) return null;
            var trades = new JsonArray();
            for (var i = market.RecentTrades.Count - 1; i >= 0 && trades.Count < limit; i--)
            {
                var t = TradeJson(market.RecentTrades[i]);
                t["bid"] = "";
                t["ask"] = "";
                trades.Add(t);
            }
            return new JsonObject
            {
                ["trades"] = trades,
                ["best_bid"] = market.Book.BestBid is { } b ? Wire.Num(b.Price) : "",
                ["best_ask"] = market.Book.BestAsk is { } a ? Wire.Num(a.Price) : "",
            };
        }
    }

    public JsonObject TransactionSummary()
    {
        lock (Gate)
            return new JsonObject
            {
                ["total_volume"] = Wire.Num(_tradedVolume),
                ["total_fees"] = Wire.Num(_paidFees),
                ["fee_tier"] = new JsonObject
                {
                    ["pricing_tier"] = "Simulator",
                    ["usd_from"] = "0",
                    ["usd_to"] = "10000",
                    ["taker_fee_rate"] = Wire.Num(_options.TakerFeeRate),
                    ["maker_fee_rate"] = Wire.Num(_options.MakerFeeRate),
                    ["aop_from"] = "",
                    ["aop_to"] = "",
                },
                ["margin_rate"] = null,
                ["goods_and_services_tax"] = null,
                ["advanced_trade_only_volume"] = Wire.Num(_tradedVolume),
                ["advanced_trade_only_fees"] = Wire.Num(_paidFees),
                ["coinbase_pro_volume"] = "0",
                ["coinbase_pro_fees"] = "0",
                ["total_balance"] = "",
                ["has_promo_fee"] = false,
            };
    }
}
