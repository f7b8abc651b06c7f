namespace Trader.Coinbase.Rest;

/// <summary>Why a REST call did not produce its value (docs/EXCHANGE-CLIENT.md, "Outcomes").</summary>
public enum RestFailureKind
{
    /// <summary>HTTP 200 with <c>success:false</c> (create order), preview <c>errs</c>: the venue said no.</summary>
    BusinessFailure,
    /// <summary>HTTP 400 (and other 4xx not listed below): the request was wrong.</summary>
    InvalidArgument,
    /// <summary>HTTP 401: the JWT was refused (expired, wrong uri, bad signature, unknown key).</summary>
    Unauthorized,
    /// <summary>HTTP 403: the key lacks a scope or the account may not do this.</summary>
    Forbidden,
    /// <summary>HTTP 404, or "order with this orderID was not found".</summary>
    NotFound,
    /// <summary>HTTP 429, with an empty or a JSON body.</summary>
    RateLimited,
    /// <summary>HTTP 5xx.</summary>
    ServerError,
    /// <summary>No complete answer within the per-request timeout (measured on the injected clock).</summary>
    Timeout,
    /// <summary>Connection refused, reset or dropped; see <see cref="RestFailure.MayHaveReachedVenue"/>.</summary>
    Transport,
    /// <summary>A 2xx answer whose body could not be read as the documented shape.</summary>
    InvalidResponse,
}
