using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using Trader.Domain.Security;

namespace Trader.Coinbase.Auth;

/// <summary>
/// Mints the short-lived JWTs Coinbase's CDP keys authenticate with (wire-format.md §3.1): header
/// <c>{"alg","kid","nonce","typ":"JWT"}</c>, payload <c>{"sub","iss":"cdp","nbf","exp","uri"}</c> with
/// <c>exp = nbf + 120 s</c>; WebSocket tokens carry no <c>uri</c>. ES256 and Ed25519 (EdDSA) keys.
/// Time comes from the injected clock, the nonce from an injectable source. Tokens are never logged.
/// </summary>
public sealed class CoinbaseJwtFactory : IDisposable, Trader.Coinbase.Feed.IWsJwtFactory
{
    public const int LifetimeSeconds = 120;
    public const string Issuer = "cdp";

    private readonly IJwtSigner _signer;
    private readonly TimeProvider _time;
    private readonly IJwtNonceSource _nonces;

    /// <exception cref="ArgumentException">the private key cannot be read (the message never contains it).</exception>
    public CoinbaseJwtFactory(ApiCredentials credentials, TimeProvider time, IJwtNonceSource? nonces = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(time);
        if (string.IsNullOrWhiteSpace(credentials.KeyName))
            throw new ArgumentException("the API key name is empty");
        KeyName = credentials.KeyName;
        _signer = credentials.Kind == ApiKeyKind.Es256
            ? new Es256JwtSigner(credentials.PrivateKey)
            : new Ed25519JwtSigner(credentials.PrivateKey);
        _time = time;
        _nonces = nonces ?? CryptoNonceSource.Instance;
    }

    public string KeyName { get; }

    /// <summary><c>ES256</c> or <c>EdDSA</c>.</summary>
    public string Algorithm => _signer.Algorithm;

    /// <summary>
    /// A token for one REST request. <c>uri</c> is <c>"METHOD authority/path"</c>: the host (with the port
    /// when it is not the scheme's default) and the path, without scheme or query string.
    /// </summary>
    public string CreateRestToken(HttpMethod method, Uri requestUri)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(requestUri);
        if (!requestUri.IsAbsoluteUri) throw new ArgumentException("the request URI must be absolute", nameof(requestUri));
        return CreateRestToken(method.Method, requestUri.Authority, requestUri.AbsolutePath);
    }

    /// <summary>A token for one REST request, from its parts; a query string on <paramref name="path"/> is dropped.</summary>
    public string CreateRestToken(string method, string authority, string path)
    {
        var query = path.IndexOf('?');
        if (query >= 0) path = path[..query];
        return Create($"{method.ToUpperInvariant()} {authority}{path}");
    }

    /// <summary>A token for one WebSocket subscribe message (no <c>uri</c> claim).</summary>
    public string CreateWebSocketToken() => Create(uri: null);

    /// <summary>The feed client signs each subscribe with a fresh token (wire-format.md §1.2).</summary>
    string? Trader.Coinbase.Feed.IWsJwtFactory.CreateWsJwt() => CreateWebSocketToken();

    private string Create(string? uri)
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var buffer = new ArrayBufferWriter<byte>(512);

        using (var header = new Utf8JsonWriter(buffer))
        {
            header.WriteStartObject();
            header.WriteString("alg", _signer.Algorithm);
            header.WriteString("kid", KeyName);
            header.WriteString("nonce", _nonces.NextNonce());
            header.WriteString("typ", "JWT");
            header.WriteEndObject();
        }
        var headerPart = Base64Url.EncodeToString(buffer.WrittenSpan);

        buffer.ResetWrittenCount();
        using (var payload = new Utf8JsonWriter(buffer))
        {
            payload.WriteStartObject();
            payload.WriteString("sub", KeyName);
            payload.WriteString("iss", Issuer);
            payload.WriteNumber("nbf", now);
            payload.WriteNumber("exp", now + LifetimeSeconds);
            if (uri is not null) payload.WriteString("uri", uri);
            payload.WriteEndObject();
        }
        var signingInput = headerPart + "." + Base64Url.EncodeToString(buffer.WrittenSpan);
        var signature = _signer.Sign(System.Text.Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    public void Dispose() => _signer.Dispose();
}
