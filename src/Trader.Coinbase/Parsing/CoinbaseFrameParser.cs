using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using Trader.Domain.Market;
using Trader.Domain.Trading;

namespace Trader.Coinbase.Parsing;

/// <summary>
/// Parses one Advanced Trade WebSocket frame (UTF-8 JSON) into typed <see cref="MarketEvent"/>s with
/// <see cref="Utf8JsonReader"/> only: numbers are parsed from the bytes, product ids are interned, and the only
/// allocations of a steady-state frame are the events themselves. A frame is all-or-nothing: if any value is bad
/// the frame is rejected with a stable reason (<see cref="ParseReasons"/>) and no event of it is emitted. Never
/// throws. Not thread-safe: one parser per feed (it reuses its buffers).
/// </summary>
public sealed class CoinbaseFrameParser
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 };

    private readonly Utf8StringPool _strings = new();
    private readonly List<MarketEvent> _events = new();
    private readonly List<BookLevel> _levels = new();
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly byte[] _nameScratch = new byte[256];

    // Envelope of the frame being parsed; kept in fields so a rejection still reports what was read.
    private string? _channel;
    private long? _sequence;
    private DateTimeOffset? _timestamp;
    private DateTimeOffset _tsRecv;

    /// <summary>The events of the last frame parsed with <see cref="Parse(ReadOnlySpan{byte}, DateTimeOffset)"/>; valid until the next call.</summary>
    public IReadOnlyList<MarketEvent> Events => _events;

    public long FramesOk { get; private set; }

    public long FramesIgnored { get; private set; }

    public long FramesRejected { get; private set; }

    /// <summary>Rejected and ignored frames by reason (a snapshot copy).</summary>
    public IReadOnlyDictionary<string, long> CountsByReason => new Dictionary<string, long>(_counts, StringComparer.Ordinal);

    /// <summary>Parses the frame and, when it is accepted, hands its events to <paramref name="sink"/> in order.</summary>
    public ParseResult Parse(ReadOnlySpan<byte> frame, DateTimeOffset tsRecv, IMarketEventSink sink)
    {
        var result = Parse(frame, tsRecv);
        if (result.IsOk)
        {
            foreach (var e in _events) sink.OnEvent(e);
        }
        return result;
    }

    /// <summary>Parses the frame; its events (when accepted) are in <see cref="Events"/> until the next call.</summary>
    public ParseResult Parse(ReadOnlySpan<byte> frame, DateTimeOffset tsRecv)
    {
        _events.Clear();
        _levels.Clear();
        _channel = null;
        _sequence = null;
        _timestamp = null;
        _tsRecv = tsRecv;

        ParseResult result;
        try
        {
            result = ParseFrame(frame);
        }
        catch (JsonException)
        {
            result = Reject(ParseReasons.InvalidJson);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            result = Reject(ParseReasons.ParserError, ex.GetType().Name);
        }

        switch (result.Outcome)
        {
            case ParseOutcome.Ok:
                FramesOk++;
                break;
            case ParseOutcome.Ignored:
                FramesIgnored++;
                Count(result.Reason!);
                break;
            default:
                _events.Clear();
                FramesRejected++;
                Count(result.Reason!);
                break;
        }
        return result;
    }

    private void Count(string reason) =>
        _counts[reason] = _counts.TryGetValue(reason, out var n) ? n + 1 : 1;

    private ParseResult Reject(string reason, string? detail = null) =>
        new(ParseOutcome.Rejected, reason, _channel, _sequence, _timestamp, 0, detail);

    private ParseResult ParseFrame(ReadOnlySpan<byte> frame)
    {
        if (frame.IsEmpty) return Reject(ParseReasons.InvalidJson, "empty frame");
        var reader = new Utf8JsonReader(frame, ReaderOptions);
        if (!reader.Read()) return Reject(ParseReasons.InvalidJson);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return Reject(ParseReasons.NotAnObject);
        }

        var isError = false;
        string? message = null;
        var eventsStart = -1;
        var eventsEnd = -1;
        var eventsDone = false;

        while (true)
        {
            if (!reader.Read()) return Reject(ParseReasons.InvalidJson);
            if (reader.TokenType == JsonTokenType.EndObject) break;
            if (reader.TokenType != JsonTokenType.PropertyName) return Reject(ParseReasons.InvalidJson);

            var name = PropertyName(ref reader);
            reader.Read();
            switch (name.Length)
            {
                case 7 when name.SequenceEqual("channel"u8):
                    if (reader.TokenType != JsonTokenType.String) return Reject(ParseReasons.MissingChannel);
                    _channel = ChannelName(ref reader);
                    break;
                case 9 when name.SequenceEqual("timestamp"u8):
                    if (!TryReadTimestamp(ref reader, out var ts)) return Reject(ParseReasons.BadTimestamp);
                    _timestamp = ts;
                    break;
                case 12 when name.SequenceEqual("sequence_num"u8):
                    if (!TryReadInt64(ref reader, out var seq)) return Reject(ParseReasons.BadNumber, "sequence_num");
                    _sequence = seq;
                    break;
                case 4 when name.SequenceEqual("type"u8):
                    if (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("error"u8)) isError = true;
                    else reader.Skip();
                    break;
                case 7 when name.SequenceEqual("message"u8):
                    if (reader.TokenType == JsonTokenType.String) message = Truncate(GetStringOrNull(ref reader));
                    else reader.Skip();
                    break;
                case 6 when name.SequenceEqual("events"u8):
                    if (_channel is not null && _timestamp is not null)
                    {
                        var reason = ParseEvents(ref reader);
                        if (reason is not null) return Reject(reason);
                        eventsDone = true;
                    }
                    else
                    {
                        // The envelope fields we need come after the events: remember where they are, parse them below.
                        eventsStart = (int)reader.TokenStartIndex;
                        reader.Skip();
                        eventsEnd = (int)reader.BytesConsumed;
                    }
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        // Anything after the top-level object is not one JSON frame.
        if (reader.Read()) return Reject(ParseReasons.InvalidJson, "trailing data");

        if (isError) return Reject(ParseReasons.ErrorFrame, message);
        if (_channel is null) return Reject(ParseReasons.MissingChannel);
        if (!IsKnownChannel(_channel))
            return new ParseResult(ParseOutcome.Ignored, ParseReasons.UnknownChannel, _channel, _sequence, _timestamp, 0, null);

        if (!eventsDone && eventsStart >= 0)
        {
            var deferred = new Utf8JsonReader(frame[eventsStart..eventsEnd], ReaderOptions);
            deferred.Read();
            var reason = ParseEvents(ref deferred);
            if (reason is not null) return Reject(reason);
        }

        return new ParseResult(ParseOutcome.Ok, null, _channel, _sequence, _timestamp, _events.Count, null);
    }

    private static string? Truncate(string? s) => s is { Length: > 200 } ? s[..200] : s;

    private static string ChannelName(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("l2_data"u8)) return WireChannels.L2Data;
        if (reader.ValueTextEquals("ticker"u8)) return WireChannels.Ticker;
        if (reader.ValueTextEquals("market_trades"u8)) return WireChannels.MarketTrades;
        if (reader.ValueTextEquals("heartbeats"u8)) return WireChannels.Heartbeats;
        if (reader.ValueTextEquals("ticker_batch"u8)) return WireChannels.TickerBatch;
        if (reader.ValueTextEquals("candles"u8)) return WireChannels.Candles;
        if (reader.ValueTextEquals("status"u8)) return WireChannels.Status;
        if (reader.ValueTextEquals("subscriptions"u8)) return WireChannels.Subscriptions;
        if (reader.ValueTextEquals("user"u8)) return WireChannels.User;
        if (reader.ValueTextEquals("futures_balance_summary"u8)) return WireChannels.FuturesBalanceSummary;
        return ReadString(ref reader);
    }

    private static bool IsKnownChannel(string channel) => channel switch
    {
        WireChannels.L2Data or WireChannels.Ticker or WireChannels.TickerBatch or WireChannels.MarketTrades
            or WireChannels.Candles or WireChannels.Status or WireChannels.Heartbeats or WireChannels.Subscriptions
            or WireChannels.User or WireChannels.FuturesBalanceSummary => true,
        _ => false,
    };

    // ---- events -------------------------------------------------------------------------------------------

    private DateTimeOffset FrameTime => _timestamp ?? _tsRecv;

    /// <summary>Reader is on the <c>events</c> value; returns a rejection reason or null.</summary>
    private string? ParseEvents(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return ParseReasons.BadShape;
        }

        var channel = _channel!;
        if (channel is WireChannels.Subscriptions or WireChannels.User or WireChannels.FuturesBalanceSummary)
        {
            // Not market data: the order engine reads user frames itself. Skip validates the structure.
            reader.Skip();
            return null;
        }

        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndArray) return null;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                return ParseReasons.BadShape;
            }

            var reason = channel switch
            {
                WireChannels.L2Data => ParseBookEvent(ref reader),
                WireChannels.Ticker or WireChannels.TickerBatch => ParseEventArray(ref reader, "tickers"u8, EventKind.Ticker),
                WireChannels.MarketTrades => ParseEventArray(ref reader, "trades"u8, EventKind.Trade),
                WireChannels.Candles => ParseEventArray(ref reader, "candles"u8, EventKind.Candle),
                WireChannels.Status => ParseEventArray(ref reader, "products"u8, EventKind.Status),
                WireChannels.Heartbeats => ParseHeartbeat(ref reader),
                _ => SkipObject(ref reader),
            };
            if (reason is not null) return reason;
        }
        return ParseReasons.InvalidJson;
    }

    private enum EventKind : byte
    {
        Ticker,
        Trade,
        Candle,
        Status,
    }

    private static string? SkipObject(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }

    /// <summary>An event object whose items live in one array property (<c>tickers</c>, <c>trades</c>, …).</summary>
    private string? ParseEventArray(ref Utf8JsonReader reader, ReadOnlySpan<byte> arrayName, EventKind kind)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals(arrayName))
            {
                reader.Read();
                reader.Skip();
                continue;
            }

            reader.Read();
            if (reader.TokenType == JsonTokenType.Null) continue;
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                return ParseReasons.BadShape;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    return ParseReasons.BadShape;
                }
                var reason = kind switch
                {
                    EventKind.Ticker => ParseTicker(ref reader),
                    EventKind.Trade => ParseTrade(ref reader),
                    EventKind.Candle => ParseCandle(ref reader),
                    _ => ParseStatusProduct(ref reader),
                };
                if (reason is not null) return reason;
            }
        }
        return reader.TokenType == JsonTokenType.EndObject ? null : ParseReasons.InvalidJson;
    }

    private string? ParseBookEvent(ref Utf8JsonReader reader)
    {
        string? productId = null;
        bool? snapshot = null;
        _levels.Clear();

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("product_id"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String) return ParseReasons.BadShape;
                productId = ReadPooled(ref reader);
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("snapshot"u8)) snapshot = true;
                else if (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("update"u8)) snapshot = false;
                else return ParseReasons.BadEventType;
            }
            else if (reader.ValueTextEquals("updates"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null) continue;
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    reader.Skip();
                    return ParseReasons.BadShape;
                }
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        reader.Skip();
                        return ParseReasons.BadShape;
                    }
                    var reason = ParseLevel(ref reader);
                    if (reason is not null) return reason;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject) return ParseReasons.InvalidJson;
        if (productId is null || productId.Length == 0 || snapshot is null) return ParseReasons.MissingField;

        _events.Add(new BookEvent(productId, snapshot.Value, _levels.ToArray(), FrameTime, _tsRecv));
        _levels.Clear();
        return null;
    }

    private string? ParseLevel(ref Utf8JsonReader reader)
    {
        BookSide? side = null;
        decimal? price = null;
        decimal? quantity = null;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("side"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("bid"u8)) side = BookSide.Bid;
                else if (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("offer"u8)) side = BookSide.Offer;
                else return ParseReasons.BadSide;
            }
            else if (reader.ValueTextEquals("price_level"u8))
            {
                reader.Read();
                if (!TryReadPrice(ref reader, out var p, out var bad)) return bad;
                price = p;
            }
            else if (reader.ValueTextEquals("new_quantity"u8))
            {
                reader.Read();
                if (!TryReadSize(ref reader, out var q, out var bad)) return bad;
                quantity = q;
            }
            else if (reader.ValueTextEquals("event_time"u8))
            {
                reader.Read();
                if (!TryReadTimestamp(ref reader, out _)) return ParseReasons.BadTimestamp;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject) return ParseReasons.InvalidJson;
        if (side is null || price is null || quantity is null) return ParseReasons.MissingField;
        _levels.Add(new BookLevel(side.Value, price.Value, quantity.Value));
        return null;
    }

    private string? ParseTicker(ref Utf8JsonReader reader)
    {
        string? productId = null;
        decimal? price = null;
        decimal bestBid = 0m, bestBidQty = 0m, bestAsk = 0m, bestAskQty = 0m, volume = 0m;

        // The busiest frame on the wire: names are told apart by length first, then compared once.
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = PropertyName(ref reader);
            reader.Read();
            string? bad;
            decimal v;
            switch (name.Length)
            {
                case 10 when name.SequenceEqual("product_id"u8):
                    if (reader.TokenType != JsonTokenType.String) return ParseReasons.BadShape;
                    productId = ReadPooled(ref reader);
                    break;
                case 5 when name.SequenceEqual("price"u8):
                    if (!TryReadPrice(ref reader, out v, out bad)) return bad;
                    price = v;
                    break;
                case 8 when name.SequenceEqual("best_bid"u8):
                    if ((bad = ReadBest(ref reader, isPrice: true, ParseReasons.EmptyBestBid, out bestBid)) is not null) return bad;
                    break;
                case 17 when name.SequenceEqual("best_bid_quantity"u8):
                    if ((bad = ReadBest(ref reader, isPrice: false, ParseReasons.EmptyBestBid, out bestBidQty)) is not null) return bad;
                    break;
                case 8 when name.SequenceEqual("best_ask"u8):
                    if ((bad = ReadBest(ref reader, isPrice: true, ParseReasons.EmptyBestAsk, out bestAsk)) is not null) return bad;
                    break;
                case 17 when name.SequenceEqual("best_ask_quantity"u8):
                    if ((bad = ReadBest(ref reader, isPrice: false, ParseReasons.EmptyBestAsk, out bestAskQty)) is not null) return bad;
                    break;
                case 11 when name.SequenceEqual("volume_24_h"u8):
                    if (!TryReadSize(ref reader, out v, out bad)) return bad;
                    volume = v;
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject) return ParseReasons.InvalidJson;
        if (productId is null || productId.Length == 0 || price is null) return ParseReasons.MissingField;
        _events.Add(new TickerEvent(productId, price.Value, bestBid, bestBidQty, bestAsk, bestAskQty, volume, FrameTime, _tsRecv));
        return null;
    }

    /// <summary>A best bid/ask price or quantity: optional, but when present it must be a number (not empty).</summary>
    private static string? ReadBest(ref Utf8JsonReader reader, bool isPrice, string emptyReason, out decimal value)
    {
        value = 0m;
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType == JsonTokenType.String && reader.ValueSpan.IsEmpty) return emptyReason;
        string? bad;
        var ok = isPrice ? TryReadPrice(ref reader, out value, out bad) : TryReadSize(ref reader, out value, out bad);
        return ok ? null : bad;
    }

    private string? ParseTrade(ref Utf8JsonReader reader)
    {
        string? productId = null, tradeId = null;
        decimal? price = null, size = null;
        OrderSide? side = null;
        DateTimeOffset? time = null;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = PropertyName(ref reader);
            reader.Read();
            string? bad;
            decimal v;
            switch (name.Length)
            {
                case 10 when name.SequenceEqual("product_id"u8):
                    if (reader.TokenType != JsonTokenType.String) return ParseReasons.BadShape;
                    productId = ReadPooled(ref reader);
                    break;
                case 8 when name.SequenceEqual("trade_id"u8):
                    if (reader.TokenType is JsonTokenType.String or JsonTokenType.Number) tradeId = ReadString(ref reader);
                    else return ParseReasons.BadShape;
                    break;
                case 5 when name.SequenceEqual("price"u8):
                    if (!TryReadPrice(ref reader, out v, out bad)) return bad;
                    price = v;
                    break;
                case 4 when name.SequenceEqual("size"u8):
                    if (!TryReadSize(ref reader, out v, out bad)) return bad;
                    size = v;
                    break;
                case 4 when name.SequenceEqual("side"u8):
                    if (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("BUY"u8)) side = OrderSide.Buy;
                    else if (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("SELL"u8)) side = OrderSide.Sell;
                    else return ParseReasons.BadSide;
                    break;
                case 4 when name.SequenceEqual("time"u8):
                    if (!TryReadTimestamp(ref reader, out var t)) return ParseReasons.BadTimestamp;
                    time = t;
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject) return ParseReasons.InvalidJson;
        if (productId is null || productId.Length == 0 || price is null || size is null || side is null) return ParseReasons.MissingField;
        _events.Add(new TradeEvent(productId, tradeId ?? string.Empty, price.Value, size.Value, side.Value, time ?? FrameTime, _tsRecv));
        return null;
    }

    private string? ParseCandle(ref Utf8JsonReader reader)
    {
        string? productId = null;
        DateTimeOffset? start = null;
        decimal? open = null, high = null, low = null, close = null, volume = null;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("product_id"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String) return ParseReasons.BadShape;
                productId = ReadPooled(ref reader);
            }
            else if (reader.ValueTextEquals("start"u8))
            {
                reader.Read();
                if (!TryReadInt64(ref reader, out var seconds)) return ParseReasons.BadNumber;
                if (seconds < -62_135_596_800L || seconds > 253_402_300_799L) return ParseReasons.BadTimestamp;
                start = DateTimeOffset.FromUnixTimeSeconds(seconds);
            }
            else if (reader.ValueTextEquals("volume"u8))
            {
                reader.Read();
                if (!TryReadSize(ref reader, out var v, out var bad)) return bad;
                volume = v;
            }
            else if (reader.ValueTextEquals("open"u8) || reader.ValueTextEquals("high"u8)
                || reader.ValueTextEquals("low"u8) || reader.ValueTextEquals("close"u8))
            {
                var which = reader.ValueTextEquals("open"u8) ? 'o' : reader.ValueTextEquals("high"u8) ? 'h' : reader.ValueTextEquals("low"u8) ? 'l' : 'c';
                reader.Read();
                if (!TryReadPrice(ref reader, out var p, out var bad)) return bad;
                switch (which)
                {
                    case 'o': open = p; break;
                    case 'h': high = p; break;
                    case 'l': low = p; break;
                    default: close = p; break;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject) return ParseReasons.InvalidJson;
        if (productId is null || productId.Length == 0 || start is null || open is null || high is null || low is null || close is null || volume is null)
            return ParseReasons.MissingField;
        _events.Add(new CandleEvent(productId, start.Value, open.Value, high.Value, low.Value, close.Value, volume.Value, FrameTime, _tsRecv));
        return null;
    }

    private string? ParseStatusProduct(ref Utf8JsonReader reader)
    {
        string? productId = null, baseCcy = null, quoteCcy = null, statusMessage = null;
        var status = ProductStatus.Unknown;
        decimal? baseIncrement = null, quoteIncrement = null, minMarketFunds = null;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8) || reader.ValueTextEquals("product_id"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String) return ParseReasons.BadShape;
                productId = ReadPooled(ref reader);
            }
            else if (reader.ValueTextEquals("base_currency"u8) || reader.ValueTextEquals("quote_currency"u8))
            {
                var isBase = reader.ValueTextEquals("base_currency"u8);
                reader.Read();
                if (reader.TokenType != JsonTokenType.String) return ParseReasons.BadShape;
                var ccy = ReadPooled(ref reader);
                if (isBase) baseCcy = ccy;
                else quoteCcy = ccy;
            }
            else if (reader.ValueTextEquals("status"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String) return ParseReasons.BadShape;
                status = StatusOf(ref reader);
            }
            else if (reader.ValueTextEquals("status_message"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && !reader.ValueSpan.IsEmpty) statusMessage = Truncate(GetStringOrNull(ref reader));
                else reader.Skip();
            }
            else if (reader.ValueTextEquals("base_increment"u8) || reader.ValueTextEquals("quote_increment"u8)
                || reader.ValueTextEquals("min_market_funds"u8))
            {
                var which = reader.ValueTextEquals("base_increment"u8) ? 'b' : reader.ValueTextEquals("quote_increment"u8) ? 'q' : 'm';
                reader.Read();
                if (reader.TokenType is JsonTokenType.Null || (reader.TokenType == JsonTokenType.String && reader.ValueSpan.IsEmpty)) continue;
                if (!TryReadSize(ref reader, out var v, out var bad)) return bad;
                switch (which)
                {
                    case 'b': baseIncrement = v; break;
                    case 'q': quoteIncrement = v; break;
                    default: minMarketFunds = v; break;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject) return ParseReasons.InvalidJson;
        if (productId is null || productId.Length == 0) return ParseReasons.MissingField;

        ProductInfo? info = null;
        if (baseIncrement is > 0m && quoteIncrement is > 0m)
        {
            var defaults = ProductInfo.DefaultUsd(productId);
            info = new ProductInfo(
                productId,
                baseCcy ?? defaults.BaseCurrency,
                quoteCcy ?? defaults.QuoteCurrency,
                baseIncrement.Value,
                quoteIncrement.Value,
                quoteIncrement.Value,
                baseIncrement.Value,
                minMarketFunds ?? defaults.QuoteMinSize);
        }
        _events.Add(new StatusEvent(productId, status, statusMessage, info, FrameTime, _tsRecv));
        return null;
    }

    private static ProductStatus StatusOf(ref Utf8JsonReader reader)
    {
        Span<byte> lower = stackalloc byte[24];
        var raw = reader.ValueSpan;
        if (reader.ValueIsEscaped || raw.Length > lower.Length) return ProductStatus.Unknown;
        for (var i = 0; i < raw.Length; i++) lower[i] = raw[i] is >= (byte)'A' and <= (byte)'Z' ? (byte)(raw[i] + 32) : raw[i];
        var s = lower[..raw.Length];
        if (s.SequenceEqual("online"u8)) return ProductStatus.Online;
        if (s.SequenceEqual("offline"u8)) return ProductStatus.Offline;
        if (s.SequenceEqual("delisted"u8)) return ProductStatus.Delisted;
        if (s.SequenceEqual("trading_disabled"u8) || s.SequenceEqual("disabled"u8)) return ProductStatus.TradingDisabled;
        if (s.SequenceEqual("cancel_only"u8)) return ProductStatus.CancelOnly;
        if (s.SequenceEqual("limit_only"u8)) return ProductStatus.LimitOnly;
        if (s.SequenceEqual("post_only"u8)) return ProductStatus.PostOnly;
        return ProductStatus.Unknown;
    }

    private string? ParseHeartbeat(ref Utf8JsonReader reader)
    {
        long? counter = null;
        DateTimeOffset? time = null;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = PropertyName(ref reader);
            reader.Read();
            switch (name.Length)
            {
                case 17 when name.SequenceEqual("heartbeat_counter"u8):
                    if (!TryReadInt64(ref reader, out var c)) return ParseReasons.BadNumber;
                    counter = c;
                    break;
                case 12 when name.SequenceEqual("current_time"u8):
                    if (!TryReadGoTime(ref reader, out var t)) return ParseReasons.BadTimestamp;
                    time = t;
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject) return ParseReasons.InvalidJson;
        if (counter is null) return ParseReasons.MissingField;
        _events.Add(new HeartbeatEvent(counter.Value, time ?? FrameTime, _tsRecv));
        return null;
    }

    // ---- values -------------------------------------------------------------------------------------------

    /// <summary>
    /// The current property name as UTF-8 bytes, unescaped when the wire escaped it (then copied into a scratch
    /// buffer that the next call reuses). A name too long to be one we look for compares as empty.
    /// </summary>
    private ReadOnlySpan<byte> PropertyName(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped) return reader.ValueSpan;
        return reader.ValueSpan.Length <= _nameScratch.Length && TryUnescape(ref reader, _nameScratch, out var n)
            ? _nameScratch.AsSpan(0, n)
            : ReadOnlySpan<byte>.Empty;
    }

    /// <summary>A string that repeats on every frame (product id, currency): one instance per value.</summary>
    private string ReadPooled(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped) return _strings.Get(reader.ValueSpan);
        Span<byte> unescaped = stackalloc byte[64];
        if (reader.ValueSpan.Length > 64 || !TryUnescape(ref reader, unescaped, out var n)) return ReadString(ref reader);
        return _strings.Get(unescaped[..n]);
    }

    /// <summary>A string that is new on every frame (a trade id): allocated, never pooled, so it cannot crowd out product ids.</summary>
    private static string ReadString(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number || !reader.ValueIsEscaped) return Encoding.UTF8.GetString(reader.ValueSpan);
        return GetStringOrNull(ref reader) ?? string.Empty;
    }

    private static bool TryReadTimestamp(ref Utf8JsonReader reader, out DateTimeOffset value)
    {
        value = default;
        if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length > 128) return false;
        if (!reader.ValueIsEscaped) return WireTime.TryParseRfc3339(reader.ValueSpan, out value);
        Span<byte> unescaped = stackalloc byte[128];
        if (!TryUnescape(ref reader, unescaped, out var n)) return false;
        return WireTime.TryParseRfc3339(unescaped[..n], out value);
    }

    /// <summary>A heartbeat's <c>current_time</c>: Go's format, or RFC 3339 should the venue switch.</summary>
    private static bool TryReadGoTime(ref Utf8JsonReader reader, out DateTimeOffset value)
    {
        value = default;
        if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length > 128) return false;
        if (!reader.ValueIsEscaped) return WireTime.TryParseGo(reader.ValueSpan, out value) || WireTime.TryParseRfc3339(reader.ValueSpan, out value);
        Span<byte> unescaped = stackalloc byte[128];
        if (!TryUnescape(ref reader, unescaped, out var n)) return false;
        return WireTime.TryParseGo(unescaped[..n], out value) || WireTime.TryParseRfc3339(unescaped[..n], out value);
    }

    /// <summary>A decimal from a JSON string (the wire's way) or number, without allocating.</summary>
    private static bool TryReadDecimal(ref Utf8JsonReader reader, out decimal value)
    {
        value = 0m;
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number)) return false;
        if (reader.ValueSpan.IsEmpty || reader.ValueSpan.Length > 64) return false;
        if (!reader.ValueIsEscaped) return TryParseWhole(reader.ValueSpan, out value);
        Span<byte> unescaped = stackalloc byte[64];
        if (!TryUnescape(ref reader, unescaped, out var n)) return false;
        return TryParseWhole(unescaped[..n], out value);
    }

    /// <summary>A price on the current token: a number greater than zero, else the rejection reason.</summary>
    private static bool TryReadPrice(ref Utf8JsonReader reader, out decimal value, [NotNullWhen(false)] out string? reason)
    {
        if (!TryReadDecimal(ref reader, out value)) reason = ParseReasons.BadNumber;
        else if (value <= 0m) reason = ParseReasons.NonPositivePrice;
        else reason = null;
        return reason is null;
    }

    /// <summary>A size, quantity, volume or increment on the current token: a number not below zero, else the rejection reason.</summary>
    private static bool TryReadSize(ref Utf8JsonReader reader, out decimal value, [NotNullWhen(false)] out string? reason)
    {
        if (!TryReadDecimal(ref reader, out value)) reason = ParseReasons.BadNumber;
        else if (value < 0m) reason = ParseReasons.NegativeSize;
        else reason = null;
        return reason is null;
    }

    private static bool TryReadInt64(ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number)) return false;
        if (reader.ValueSpan.IsEmpty || reader.ValueSpan.Length > 32) return false;
        if (!reader.ValueIsEscaped) return TryParseWhole(reader.ValueSpan, out value);
        Span<byte> unescaped = stackalloc byte[32];
        if (!TryUnescape(ref reader, unescaped, out var n)) return false;
        return TryParseWhole(unescaped[..n], out value);
    }

    /// <summary>Unescapes the current string; false when it is not valid UTF-8 (the reader throws for that).</summary>
    private static bool TryUnescape(ref Utf8JsonReader reader, scoped Span<byte> destination, out int written)
    {
        try
        {
            written = reader.CopyString(destination);
            return true;
        }
        catch (InvalidOperationException)
        {
            written = 0;
            return false;
        }
    }

    private static string? GetStringOrNull(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static bool TryParseWhole(ReadOnlySpan<byte> span, out decimal value) => WireDecimal.TryParse(span, out value);

    private static bool TryParseWhole(ReadOnlySpan<byte> span, out long value) =>
        Utf8Parser.TryParse(span, out value, out var consumed) && consumed == span.Length;
}
