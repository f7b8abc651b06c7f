using System.Text.Json.Nodes;
using Trader.ExchangeSim.Formatting;

namespace Trader.ExchangeSim.Trading;

/// <summary>A create/preview body, parsed (wire-format.md §2.3). Sizes and prices are null when absent.</summary>
internal sealed record OrderRequest(
    string ClientOrderId,
    string ProductId,
    string Side,
    string ConfigKind,
    JsonObject Configuration,
    decimal? BaseSize,
    decimal? QuoteSize,
    decimal? LimitPrice,
    bool PostOnly,
    JsonObject Body)
{
    public bool IsBuy => Side == "BUY";
    public bool IsMarket => ConfigKind is "market_market_ioc" or "market_market_fok";
    public bool IsFok => ConfigKind is "market_market_fok" or "limit_limit_fok";
    public bool Rests => ConfigKind == "limit_limit_gtc";

    public static readonly string[] SupportedKinds = ["market_market_ioc", "market_market_fok", "sor_limit_ioc", "limit_limit_gtc", "limit_limit_fok"];

    /// <summary>Parses a body; returns null with a message for a 400 INVALID_ARGUMENT.</summary>
    public static OrderRequest? Parse(JsonNode? node, bool requireClientOrderId, Func<string> newClientOrderId, out string error)
    {
        error = "";
        if (node is not JsonObject body) { error = "request body is not a JSON object"; return null; }
        var clientOrderId = Text(body, "client_order_id");
        if (string.IsNullOrEmpty(clientOrderId))
        {
            if (requireClientOrderId) { error = "client_order_id is required"; return null; }
            clientOrderId = newClientOrderId();
        }
        var productId = Text(body, "product_id") ?? "";
        var side = Text(body, "side") ?? "";
        if (body["order_configuration"] is not JsonObject configuration || configuration.Count != 1)
        {
            error = "order_configuration must hold exactly one order type";
            return null;
        }
        var (kind, inner) = configuration.First();
        if (inner is not JsonObject fields) { error = $"order_configuration.{kind} is not an object"; return null; }
        if (!Amount(fields, "base_size", out var baseSize, ref error)
            || !Amount(fields, "quote_size", out var quoteSize, ref error)
            || !Amount(fields, "limit_price", out var limitPrice, ref error))
            return null;
        var postOnly = fields["post_only"] is JsonValue p && p.TryGetValue<bool>(out var b) && b;
        return new OrderRequest(clientOrderId, productId, side, kind, configuration, baseSize, quoteSize, limitPrice, postOnly, body);
    }

    private static string? Text(JsonObject body, string name) =>
        body[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static bool Amount(JsonObject fields, string name, out decimal? value, ref string error)
    {
        value = null;
        var node = fields[name];
        if (node is null) return true;
        if (node is JsonValue v && v.TryGetValue<string>(out var s))
        {
            if (s.Length == 0) return true;
            if (Wire.TryDecimal(s, out var d)) { value = d; return true; }
        }
        error = $"{name} '{node.ToJsonString()}' is not a decimal string";
        return false;
    }
}
