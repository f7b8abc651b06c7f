namespace Trader.Coinbase.Parsing;

/// <summary>
/// The stable, snake_case reasons a frame is rejected or ignored (docs/MARKET-DATA.md). Reports and logs
/// count frames by these strings; add new ones here and in the doc, never rename one.
/// </summary>
public static class ParseReasons
{
    /// <summary>Not well-formed JSON (truncated, bad token, invalid UTF-8) or an empty frame.</summary>
    public const string InvalidJson = "invalid_json";

    /// <summary>The frame is JSON but not an object.</summary>
    public const string NotAnObject = "not_an_object";

    /// <summary>No <c>channel</c> string in the envelope (and not an error frame).</summary>
    public const string MissingChannel = "missing_channel";

    /// <summary>A field we use has the wrong JSON shape (e.g. <c>events</c> is not an array).</summary>
    public const string BadShape = "bad_shape";

    /// <summary>A field we need is absent (a level without <c>price_level</c>, a trade without <c>size</c>, …).</summary>
    public const string MissingField = "missing_field";

    /// <summary>A number (string on the wire) that does not parse as a decimal or integer, or is empty.</summary>
    public const string BadNumber = "bad_number";

    /// <summary>A size, quantity or volume below zero.</summary>
    public const string NegativeSize = "negative_size";

    /// <summary>A price of zero or below where a price must be positive.</summary>
    public const string NonPositivePrice = "non_positive_price";

    /// <summary>A ticker whose <c>best_bid</c> / <c>best_bid_quantity</c> is present but empty.</summary>
    public const string EmptyBestBid = "empty_best_bid";

    /// <summary>A ticker whose <c>best_ask</c> / <c>best_ask_quantity</c> is present but empty.</summary>
    public const string EmptyBestAsk = "empty_best_ask";

    /// <summary>A timestamp (envelope, event, trade, heartbeat or candle start) that does not parse.</summary>
    public const string BadTimestamp = "bad_timestamp";

    /// <summary>A book side other than <c>bid</c>/<c>offer</c>, or a trade side other than <c>BUY</c>/<c>SELL</c>.</summary>
    public const string BadSide = "bad_side";

    /// <summary>An event <c>type</c> other than <c>snapshot</c>/<c>update</c> on a channel where it matters.</summary>
    public const string BadEventType = "bad_event_type";

    /// <summary>A channel we do not consume. The outcome is <see cref="ParseOutcome.Ignored"/>, not an error.</summary>
    public const string UnknownChannel = "unknown_channel";

    /// <summary>A <c>{"type":"error","message":…}</c> frame from the venue; the message is in <see cref="ParseResult.Detail"/>.</summary>
    public const string ErrorFrame = "error_frame";

    /// <summary>An unexpected failure inside the parser (a bug); the frame is rejected, never thrown.</summary>
    public const string ParserError = "parser_error";
}
