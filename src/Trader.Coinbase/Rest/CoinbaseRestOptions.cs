namespace Trader.Coinbase.Rest;

/// <summary>
/// Where and how the REST client talks. <see cref="BaseUri"/> defaults to Coinbase; a simulator is e.g.
/// <c>http://127.0.0.1:PORT</c> (the JWT <c>uri</c> claim is built from the actual request's host and port).
/// </summary>
public sealed record CoinbaseRestOptions
{
    public static readonly Uri CoinbaseBaseUri = new("https://api.coinbase.com");

    public const string ApiPrefix = "/api/v3/brokerage";

    public Uri BaseUri { get; init; } = CoinbaseBaseUri;

    /// <summary>Per attempt, on the injected clock: send, wait for the answer and read its body.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Page size for accounts (Coinbase allows up to 250), orders and fills.</summary>
    public int PageSize { get; init; } = 250;

    /// <summary>A paginated listing stops with an error after this many pages rather than loop forever.</summary>
    public int MaxPages { get; init; } = 100;

    /// <summary>How far before the first send the client-order-id lookup searches (clock skew margin).</summary>
    public TimeSpan LookupWindow { get; init; } = TimeSpan.FromMinutes(10);

    public string UserAgent { get; init; } = "trader-streams/1.0";
}
