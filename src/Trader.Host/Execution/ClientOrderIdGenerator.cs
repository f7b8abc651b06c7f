using System.Globalization;
using System.Text;

namespace Trader.Host.Execution;

/// <summary>
/// Client order ids <c>&lt;botId&gt;-&lt;symbol&gt;-&lt;ts&gt;-&lt;nonce&gt;</c> (REQ-X1), e.g.
/// <c>trdr-BTCUSD-1712345678901-a1b2c3</c>: ts in ms from the injected clock, a 24-bit random nonce, and a check
/// against the order registry (which keeps ids ≥ 7 days), so an id is never reused across restarts.
/// </summary>
public sealed class ClientOrderIdGenerator
{
    public const int MaxLength = 128;
    private const int MaxDraws = 16;

    private readonly string _botId;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly Func<string, bool> _isTaken;

    public ClientOrderIdGenerator(string botId, TimeProvider time, Func<string, bool> isTaken, Random? random = null)
    {
        if (string.IsNullOrWhiteSpace(botId) || botId.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '_'))
            throw new ArgumentException("the bot id must be non-empty ASCII letters, digits or '_'", nameof(botId));
        if (botId.Length > 32) throw new ArgumentException("the bot id must be at most 32 characters", nameof(botId));
        _botId = botId;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _isTaken = isTaken ?? throw new ArgumentNullException(nameof(isTaken));
        _random = random ?? Random.Shared;
    }

    /// <summary>A fresh id for <paramref name="productId"/> (e.g. BTC-USD → symbol BTCUSD) not registered yet.</summary>
    public string Next(string productId)
    {
        var symbol = Symbol(productId);
        var ts = _time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        for (var draw = 0; draw < MaxDraws; draw++)
        {
            var nonce = _random.Next(0, 1 << 24).ToString("x6", CultureInfo.InvariantCulture);
            var id = $"{_botId}-{symbol}-{ts}-{nonce}";
            if (!_isTaken(id)) return id;
        }
        throw new InvalidOperationException($"no free client order id for {productId} at {ts} after {MaxDraws} draws");
    }

    /// <summary>The product id with only ASCII letters and digits kept, at most 24 characters (so an id stays ≤ 128).</summary>
    public static string Symbol(string productId)
    {
        var builder = new StringBuilder(productId.Length);
        foreach (var c in productId)
            if (char.IsAsciiLetterOrDigit(c)) builder.Append(char.ToUpperInvariant(c));
        if (builder.Length == 0) throw new ArgumentException($"product id '{productId}' has no letters or digits", nameof(productId));
        return builder.Length > 24 ? builder.ToString(0, 24) : builder.ToString();
    }
}
