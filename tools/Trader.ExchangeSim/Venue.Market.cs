using System.Text.Json;
using System.Text.Json.Nodes;
using Trader.ExchangeSim.Formatting;
using Trader.ExchangeSim.Market;
using Trader.ExchangeSim.WebSockets;

namespace Trader.ExchangeSim;

internal sealed partial class Venue
{
    private static readonly JsonObject EmptyPositions = new()
    {
        ["perpetual_futures_positions"] = new JsonArray(),
        ["expiring_futures_positions"] = new JsonArray(),
        ["prediction_market_positions"] = new JsonArray(),
    };

    /// <summary>
    /// Applies one Advanced Trade frame (as received from Coinbase) to the books and trades: <c>l2_data</c>,
    /// <c>ticker</c> and <c>market_trades</c> are used; heartbeats, acks and anything else are ignored. The frame is
    /// not forwarded as is: subscribers get the simulator's own frames (own sequence numbers) for the changes.
    /// </summary>
    /// <returns>false when the frame is not valid JSON or has bad values (counted in <see cref="RejectedFrames"/>).</returns>
    public bool IngestFrame(string json)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(json); }
        catch (JsonException) { lock (Gate) RejectedFrames++; return false; }
        return Ingest(document);
    }

    /// <summary>The same for a frame as UTF-8 bytes (a capture line's JSON without decoding it to a string first).</summary>
    public bool IngestFrame(ReadOnlyMemory<byte> utf8Json)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(utf8Json); }
        catch (JsonException) { lock (Gate) RejectedFrames++; return false; }
        return Ingest(document);
    }

    private bool Ingest(JsonDocument document)
    {
        using (document)
        {
            lock (Gate)
            {
                try
                {
                    var root = document.RootElement;
                    if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("channel", out var channel)) return true;
                    if (!root.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array) return true;
                    switch (channel.GetString())
                    {
                        case "l2_data": IngestLevel2(events); break;
                        case "market_trades": IngestTrades(events); break;
                        case "ticker": IngestTicker(events); break;
                    }
                    return true;
                }
                catch (Exception e) when (e is InvalidOperationException or FormatException or KeyNotFoundException or ArgumentException)
                {
                    RejectedFrames++;
                    return false;
                }
            }
        }
    }

    private static decimal Dec(JsonElement e, string name)
    {
        var text = e.GetProperty(name).GetString();
        return Wire.TryDecimal(text, out var d) ? d : throw new FormatException($"{name} '{text}'");
    }

    private void IngestLevel2(JsonElement events)
    {
        foreach (var ev in events.EnumerateArray())
        {
            var productId = ev.GetProperty("product_id").GetString()!;
            var market = MarketOrAdd(productId);
            market.HasLevel2 = true;
            var snapshot = ev.TryGetProperty("type", out var t) && t.GetString() == "snapshot";
            var levels = new List<(bool Bid, decimal Price, decimal Size)>();
            foreach (var u in ev.GetProperty("updates").EnumerateArray())
            {
                var side = u.GetProperty("side").GetString();
                levels.Add((side == "bid", Dec(u, "price_level"), Dec(u, "new_quantity")));
            }
            ApplyLevels(market, levels, snapshot);
        }
    }

    /// <summary>Applies absolute levels (a snapshot replaces the book), publishes the changed levels as one
    /// <c>l2_data</c> update and fills resting orders the new book crosses.</summary>
    internal void ApplyLevels(ProductMarket market, List<(bool Bid, decimal Price, decimal Size)> levels, bool replace)
    {
        var changes = new List<(bool Bid, decimal Price, decimal Size)>();
        if (replace)
        {
            var incoming = new HashSet<(bool, decimal)>();
            foreach (var level in levels) incoming.Add((level.Bid, level.Price));
            foreach (var bid in new[] { true, false })
                foreach (var price in market.Book.Side(bid).Keys.ToList())
                    if (!incoming.Contains((bid, price))) { market.Book.Set(bid, price, 0m); changes.Add((bid, price, 0m)); }
        }
        foreach (var (bid, price, size) in levels)
        {
            var side = market.Book.Side(bid);
            var old = side.GetValueOrDefault(price);
            if (old == size) continue;
            market.Book.Set(bid, price, size);
            changes.Add((bid, price, size));
        }
        if (changes.Count > 0) PublishLevel2(market, changes);
        FillRestingOrders(market, tradePrice: null);
    }

    private void IngestTrades(JsonElement events)
    {
        var byProduct = new Dictionary<string, List<MarketTrade>>();
        foreach (var ev in events.EnumerateArray())
            foreach (var tr in ev.GetProperty("trades").EnumerateArray())
            {
                var productId = tr.GetProperty("product_id").GetString()!;
                var time = tr.TryGetProperty("time", out var ts) && DateTimeOffset.TryParse(ts.GetString(), out var parsed) ? parsed : Now;
                var trade = new MarketTrade(tr.GetProperty("trade_id").GetString()!, productId, Dec(tr, "price"), Dec(tr, "size"),
                    tr.GetProperty("side").GetString()!, time);
                if (!byProduct.TryGetValue(productId, out var list)) byProduct[productId] = list = new();
                list.Add(trade);
            }
        foreach (var (productId, trades) in byProduct) RecordTrades(MarketOrAdd(productId), trades);
    }

    /// <summary>Records public trades (duplicates by trade id are dropped), publishes them, and fills resting orders
    /// they trade through.</summary>
    internal void RecordTrades(ProductMarket market, List<MarketTrade> trades)
    {
        var fresh = trades.Where(market.AddTrade).ToList();
        if (fresh.Count == 0) return;
        foreach (var trade in fresh) FillRestingOrders(market, trade.Price);
        if (!_hub.AnyWants("market_trades", market.Product.ProductId)) return;
        var events = new JsonArray { new JsonObject { ["type"] = "update", ["trades"] = Wire.Array(fresh.Select(TradeJson)) } };
        _hub.Publish("market_trades", market.Product.ProductId, new WsFrame("market_trades", Now, events.ToText()));
    }

    private void IngestTicker(JsonElement events)
    {
        foreach (var ev in events.EnumerateArray())
            foreach (var tk in ev.GetProperty("tickers").EnumerateArray())
            {
                var market = MarketOrAdd(tk.GetProperty("product_id").GetString()!);
                market.CapturedTickerJson = tk.GetRawText();
                if (TryField(tk, "price", out var price)) market.LastPrice = price;
                if (!market.HasLevel2 && TickerTop(tk) is { } top) ApplyLevels(market, top, replace: true);
                PublishTicker(market, "update");
            }
    }

    /// <summary>
    /// The book of a feed without <c>l2_data</c> (captures synthesized from bars carry only ticker and trades): the
    /// ticker's best bid and ask with their quantities become the whole book, so orders match the captured prices.
    /// Null when the ticker lacks a positive, uncrossed top of book.
    /// </summary>
    private static List<(bool Bid, decimal Price, decimal Size)>? TickerTop(JsonElement ticker)
    {
        if (!TryField(ticker, "best_bid", out var bid) || !TryField(ticker, "best_ask", out var ask)
            || !TryField(ticker, "best_bid_quantity", out var bidSize) || !TryField(ticker, "best_ask_quantity", out var askSize))
            return null;
        if (bid <= 0m || ask <= bid || bidSize <= 0m || askSize <= 0m) return null;
        return [(true, bid, bidSize), (false, ask, askSize)];
    }

    private static bool TryField(JsonElement e, string name, out decimal value)
    {
        value = 0m;
        return e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String && Wire.TryDecimal(p.GetString(), out value);
    }

    private static JsonObject TradeJson(MarketTrade t) => new()
    {
        ["trade_id"] = t.TradeId,
        ["product_id"] = t.ProductId,
        ["price"] = Wire.Num(t.Price),
        ["size"] = Wire.Num(t.Size),
        ["side"] = t.MakerSide,
        ["time"] = Wire.Time(t.Time),
    };

    private void PublishLevel2(ProductMarket market, List<(bool Bid, decimal Price, decimal Size)> changes)
    {
        if (!_hub.AnyWants("level2", market.Product.ProductId)) return;
        var time = Wire.Time(Now);
        var updates = new JsonArray();
        foreach (var (bid, price, size) in changes)
            updates.Add(new JsonObject
            {
                ["side"] = bid ? "bid" : "offer",
                ["event_time"] = time,
                ["price_level"] = Wire.Num(price),
                ["new_quantity"] = Wire.Num(size),
            });
        var events = new JsonArray { new JsonObject { ["type"] = "update", ["product_id"] = market.Product.ProductId, ["updates"] = updates } };
        _hub.Publish("level2", market.Product.ProductId, new WsFrame("l2_data", Now, events.ToText()));
    }

    internal void PublishTicker(ProductMarket market, string type)
    {
        if (!_hub.AnyWants("ticker", market.Product.ProductId)) return;
        var events = new JsonArray { new JsonObject { ["type"] = type, ["tickers"] = new JsonArray { TickerJson(market) } } };
        _hub.Publish("ticker", market.Product.ProductId, new WsFrame("ticker", Now, events.ToText()));
    }

    private JsonObject TickerJson(ProductMarket market)
    {
        var bid = market.Book.BestBid;
        var ask = market.Book.BestAsk;
        var price = market.LastPrice ?? Mid(market) ?? 0m;
        JsonObject ticker;
        if (market.CapturedTicker is { } captured)
        {
            ticker = captured.DeepClone().AsObject();
            ticker["price"] = Wire.Num(price);
        }
        else
        {
            var (volume, low, high, open) = market.Stats24H(Now);
            var change = open is { } o && o != 0 ? (price - o) / o * 100m : 0m;
            ticker = new JsonObject
            {
                ["type"] = "ticker",
                ["product_id"] = market.Product.ProductId,
                ["price"] = Wire.Num(price),
                ["volume_24_h"] = Wire.Num(volume),
                ["low_24_h"] = Wire.Num(low),
                ["high_24_h"] = Wire.Num(high),
                ["low_52_w"] = Wire.Num(low),
                ["high_52_w"] = Wire.Num(high),
                ["price_percent_chg_24_h"] = Wire.Num(Math.Round(change, 14)),
            };
        }
        if (bid is { } b) { ticker["best_bid"] = Wire.Num(b.Price); ticker["best_bid_quantity"] = Wire.Num(b.Size); }
        if (ask is { } a) { ticker["best_ask"] = Wire.Num(a.Price); ticker["best_ask_quantity"] = Wire.Num(a.Size); }
        return ticker;
    }

    private static decimal? Mid(ProductMarket market) =>
        market.Book.BestBid is { } b && market.Book.BestAsk is { } a ? (b.Price + a.Price) / 2m : null;

    private void PublishStatus(IEnumerable<SimProduct> products, string type)
    {
        var events = new JsonArray { new JsonObject { ["type"] = type, ["products"] = Wire.Array(products.Select(StatusJson)) } };
        foreach (var product in products)
            _hub.Publish("status", product.ProductId, new WsFrame("status", Now, events.ToText()));
    }

    private static JsonObject StatusJson(SimProduct p) => new()
    {
        ["product_type"] = "SPOT",
        ["id"] = p.ProductId,
        ["base_currency"] = p.BaseCurrency,
        ["quote_currency"] = p.QuoteCurrency,
        ["base_increment"] = Wire.Num(p.BaseIncrement),
        ["quote_increment"] = Wire.Num(p.QuoteIncrement),
        ["display_name"] = p.BaseCurrency + "/" + p.QuoteCurrency,
        ["status"] = p.TradingDisabled ? "offline" : p.Status,
        ["status_message"] = p.CancelOnly ? "cancel only" : p.LimitOnly ? "limit only" : p.PostOnly ? "post only" : "",
        ["min_market_funds"] = Wire.Num(p.QuoteMinSize),
    };

    /// <summary>Once a second: a <c>candles</c> update for each product whose current 5-minute bar changed.</summary>
    public void PublishCandleUpdates()
    {
        lock (Gate)
            foreach (var id in _productOrder)
            {
                var market = _markets[id];
                if (!market.CandleDirty) continue;
                market.CandleDirty = false;
                if (!_hub.AnyWants("candles", id)) continue;   // nobody listens: skip building the update
                var events = CandleEvents(market, "update");
                if (events is not null) _hub.Publish("candles", id, new WsFrame("candles", Now, events.ToText()));
            }
    }

    private JsonArray? CandleEvents(ProductMarket market, string type)
    {
        var start = Now.ToUnixTimeSeconds() / 300 * 300;
        var bars = market.Candles(300, start, start + 300);
        if (bars.Count == 0) return null;
        var bar = bars[0];
        return new JsonArray
        {
            new JsonObject
            {
                ["type"] = type,
                ["candles"] = new JsonArray
                {
                    new JsonObject
                    {
                        ["start"] = Wire.UnixSeconds(bar.Start), ["high"] = Wire.Num(bar.High), ["low"] = Wire.Num(bar.Low),
                        ["open"] = Wire.Num(bar.Open), ["close"] = Wire.Num(bar.Close), ["volume"] = Wire.Num(bar.Volume),
                        ["product_id"] = market.Product.ProductId,
                    },
                },
            },
        };
    }

    /// <summary>The frames a new subscription starts with (call with <see cref="Gate"/> held).</summary>
    internal List<WsFrame> Snapshots(string channel, IReadOnlyCollection<string> productIds, Func<string, bool> userProductFilter)
    {
        var frames = new List<WsFrame>();
        var now = Now;
        switch (channel)
        {
            case "level2":
                foreach (var id in productIds)
                {
                    var market = _markets[id];
                    var time = Wire.Time(now);
                    var updates = new JsonArray();
                    foreach (var bid in new[] { true, false })
                        foreach (var (price, size) in market.Book.Levels(bid, 0))
                            updates.Add(new JsonObject { ["side"] = bid ? "bid" : "offer", ["event_time"] = time, ["price_level"] = Wire.Num(price), ["new_quantity"] = Wire.Num(size) });
                    var events = new JsonArray { new JsonObject { ["type"] = "snapshot", ["product_id"] = id, ["updates"] = updates } };
                    frames.Add(new WsFrame("l2_data", now, events.ToText()));
                }
                break;
            case "ticker":
                foreach (var id in productIds)
                {
                    var events = new JsonArray { new JsonObject { ["type"] = "snapshot", ["tickers"] = new JsonArray { TickerJson(_markets[id]) } } };
                    frames.Add(new WsFrame("ticker", now, events.ToText()));
                }
                break;
            case "market_trades":
            {
                var trades = new JsonArray();
                foreach (var id in productIds)
                {
                    var recent = _markets[id].RecentTrades;
                    for (var i = recent.Count - 1; i >= Math.Max(0, recent.Count - 50); i--) trades.Add(TradeJson(recent[i]));
                }
                var events = new JsonArray { new JsonObject { ["type"] = "snapshot", ["trades"] = trades } };
                frames.Add(new WsFrame("market_trades", now, events.ToText()));
                break;
            }
            case "candles":
                foreach (var id in productIds)
                    if (CandleEvents(_markets[id], "snapshot") is { } events) frames.Add(new WsFrame("candles", now, events.ToText()));
                break;
            case "status":
            {
                var events = new JsonArray { new JsonObject { ["type"] = "snapshot", ["products"] = Wire.Array(productIds.Select(id => StatusJson(_markets[id].Product))) } };
                frames.Add(new WsFrame("status", now, events.ToText()));
                break;
            }
            case "user":
            {
                var open = _orders.Where(o => o.IsOpen && userProductFilter(o.ProductId)).ToList();
                // Batches of 50; a batch of fewer than 50 (possibly empty) ends the snapshot (wire-format.md §1.4).
                for (var i = 0; i <= open.Count; i += 50)
                {
                    var batch = open.Skip(i).Take(50);
                    var events = new JsonArray { new JsonObject { ["type"] = "snapshot", ["orders"] = Wire.Array(batch.Select(UserOrderJson)), ["positions"] = EmptyPositions.DeepClone() } };
                    frames.Add(new WsFrame("user", now, events.ToText()));
                }
                break;
            }
        }
        return frames;
    }

    /// <summary>Whether a product is listed (call with <see cref="Gate"/> held or not).</summary>
    public bool IsListed(string productId)
    {
        lock (Gate) return _markets.ContainsKey(productId);
    }

    /// <summary>One random-walk step for every product (called by the feed with a seeded RNG).</summary>
    internal void RandomWalkStep(Random random)
    {
        lock (Gate)
            foreach (var id in _productOrder)
            {
                var market = _markets[id];
                var product = market.Product;
                var tick = product.PriceIncrement;
                var mid = Mid(market) ?? market.LastPrice ?? product.BasePriceHint;
                if (mid <= 0) continue;
                var gaussian = Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
                var newMid = mid * (decimal)Math.Exp(0.0004 * gaussian);
                var bestBid = Math.Max(tick, Wire.FloorTo(newMid, tick));
                var spreadTicks = 1 + random.Next(0, 3);
                var bestAsk = bestBid + spreadTicks * tick;
                var levels = new List<(bool, decimal, decimal)>();
                for (var i = 0; i < 10; i++)
                {
                    var step = tick * Math.Max(1m, Math.Round(mid * 0.00002m / tick)) * i;
                    levels.Add((true, bestBid - step, Size(random, product)));
                    levels.Add((false, bestAsk + step, Size(random, product)));
                }
                ApplyLevels(market, levels, replace: true);
                if (random.NextDouble() < 0.7)
                {
                    var takerBuys = random.NextDouble() < 0.5;
                    var price = takerBuys ? bestAsk : bestBid;
                    var size = Math.Max(product.BaseMinSize, Wire.FloorTo(Size(random, product) / 4m, product.BaseIncrement));
                    RecordTrades(market, [new MarketTrade(NextPublicTradeId(), id, price, size, takerBuys ? "SELL" : "BUY", Now)]);
                }
                PublishTicker(market, "update");
            }
    }

    private static decimal Size(Random random, SimProduct product)
    {
        var notional = 500m + (decimal)random.NextDouble() * 50000m;
        var reference = Math.Max(product.BasePriceHint, 0.0001m);
        return Math.Max(product.BaseMinSize, Wire.FloorTo(notional / reference, product.BaseIncrement));
    }
}
