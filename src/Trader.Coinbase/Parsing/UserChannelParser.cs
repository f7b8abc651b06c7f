using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Trader.Coinbase.Parsing;

/// <summary>
/// Parses frames of the user endpoint (<c>wss://advanced-trade-ws-user.coinbase.com</c>) with
/// <see cref="Utf8JsonReader"/>: the <c>user</c> channel's <c>snapshot</c>/<c>update</c> events become
/// <see cref="UserOrderUpdate"/>s; heartbeats and subscription acks are ignored; an error frame or bad input is
/// rejected with a stable reason (<see cref="ParseReasons"/>) and nothing of it is emitted. Positions are skipped (spot
/// only). Never throws. Order updates are rare (one per order state change), so this parser favours clarity over
/// the market parser's zero-allocation tricks.
/// </summary>
public static class UserChannelParser
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 };

    public static UserChannelResult Parse(ReadOnlySpan<byte> frame)
    {
        if (frame.IsEmpty) return UserChannelResult.Rejected(ParseReasons.InvalidJson, "empty frame");
        try
        {
            return ParseFrame(frame);
        }
        catch (JsonException)
        {
            return UserChannelResult.Rejected(ParseReasons.InvalidJson);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return UserChannelResult.Rejected(ParseReasons.ParserError, ex.GetType().Name);
        }
    }

    private static UserChannelResult ParseFrame(ReadOnlySpan<byte> frame)
    {
        var reader = new Utf8JsonReader(frame, ReaderOptions);
        if (!reader.Read()) return UserChannelResult.Rejected(ParseReasons.InvalidJson);
        if (reader.TokenType != JsonTokenType.StartObject) return UserChannelResult.Rejected(ParseReasons.NotAnObject);

        string? channel = null;
        string? type = null;
        string? message = null;
        var orders = new List<UserOrderUpdate>();
        string? badEventType = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("channel"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String) return UserChannelResult.Rejected(ParseReasons.MissingChannel);
                channel = reader.GetString();
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                message = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("events"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray) return UserChannelResult.Rejected(ParseReasons.BadShape, "events is not an array");
                // Events may come before the channel; they are kept only if the channel turns out to be user.
                var (problem, detail) = ReadEvents(ref reader, orders, ref badEventType);
                if (problem is not null) return UserChannelResult.Rejected(problem, detail);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject) return UserChannelResult.Rejected(ParseReasons.InvalidJson);

        if (type == "error") return UserChannelResult.Rejected(ParseReasons.ErrorFrame, message);
        if (channel is null) return UserChannelResult.Rejected(ParseReasons.MissingChannel);
        if (channel != WireChannels.User) return UserChannelResult.Ignored(ParseReasons.UnknownChannel);
        if (badEventType is not null) return UserChannelResult.Rejected(ParseReasons.BadEventType, badEventType);
        return new UserChannelResult(ParseOutcome.Ok, null, orders);
    }

    /// <summary>Reads the events array (the reader is on its start); returns a reason when a value is bad.</summary>
    private static (string? Reason, string? Detail) ReadEvents(ref Utf8JsonReader reader, List<UserOrderUpdate> orders, ref string? badEventType)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject) return (ParseReasons.BadShape, "an event is not an object");
            string? eventType = null;
            var firstOrder = orders.Count;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    eventType = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals("orders"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.Null) continue;
                    if (reader.TokenType != JsonTokenType.StartArray) return (ParseReasons.BadShape, "orders is not an array");
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (reader.TokenType != JsonTokenType.StartObject) return (ParseReasons.BadShape, "an order is not an object");
                        var (order, reason, detail) = ReadOrder(ref reader);
                        if (order is null) return (reason, detail);
                        orders.Add(order);
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            // Only user events must say snapshot or update; the channel is checked once the whole frame is read.
            if (eventType is not ("snapshot" or "update")) badEventType ??= eventType ?? "(none)";
            for (var i = firstOrder; i < orders.Count; i++) orders[i] = orders[i] with { EventType = eventType ?? "" };
        }
        return (null, null);
    }

    private static (UserOrderUpdate? Order, string? Reason, string? Detail) ReadOrder(ref Utf8JsonReader reader)
    {
        string? orderId = null, clientOrderId = null, productId = null, status = null;
        decimal cumulative = 0m;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("order_id"u8)) orderId = ReadString(ref reader);
            else if (reader.ValueTextEquals("client_order_id"u8)) clientOrderId = ReadString(ref reader);
            else if (reader.ValueTextEquals("product_id"u8)) productId = ReadString(ref reader);
            else if (reader.ValueTextEquals("status"u8)) status = ReadString(ref reader);
            else if (reader.ValueTextEquals("cumulative_quantity"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > 0)
                {
                    if (!Utf8Parser.TryParse(reader.ValueSpan, out cumulative, out var used) || used != reader.ValueSpan.Length)
                        return (null, ParseReasons.BadNumber, "cumulative_quantity " + Encoding.UTF8.GetString(reader.ValueSpan));
                    if (cumulative < 0m) return (null, ParseReasons.NegativeSize, "cumulative_quantity");
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (string.IsNullOrEmpty(orderId)) return (null, ParseReasons.MissingField, "order_id");
        if (string.IsNullOrEmpty(productId)) return (null, ParseReasons.MissingField, "product_id");
        if (string.IsNullOrEmpty(status)) return (null, ParseReasons.MissingField, "status");
        return (new UserOrderUpdate("", orderId, clientOrderId ?? "", productId, status, cumulative), null, null);
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
    }
}
