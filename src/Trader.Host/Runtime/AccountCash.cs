using Trader.Coinbase.Rest;

namespace Trader.Host.Runtime;

/// <summary>
/// LIVE cash for the portfolio: the USD wallet (available + hold, so a resting buy's reserved funds still count toward
/// NAV; the order itself is counted as a working order) read from <c>GET /accounts</c> before each cycle. The last good
/// value is kept; a failed read marks the cycle so execution sends no new entries in it (exits still go).
/// </summary>
public sealed class AccountCash(CoinbaseRestClient client, string currency = "USD")
{
    private readonly Lock _gate = new();
    private decimal _cash;
    private volatile bool _everRead;
    private volatile bool _lastReadFailed = true;

    public decimal Cash
    {
        get { lock (_gate) return _cash; }
    }

    /// <summary>True until a read succeeds, and after any read that failed (until the next good one).</summary>
    public bool Unavailable => _lastReadFailed;

    public bool EverRead => _everRead;

    /// <summary>Reads the accounts; returns null when the read succeeded, else why it failed.</summary>
    public async Task<string?> RefreshAsync(CancellationToken cancellationToken)
    {
        var result = await client.ListAccountsAsync(cancellationToken).ConfigureAwait(false);
        if (!result.TryGetValue(out var accounts))
        {
            _lastReadFailed = true;
            return result.Failure.ToString();
        }
        var total = 0m;
        foreach (var account in accounts)
            if (string.Equals(account.Currency, currency, StringComparison.OrdinalIgnoreCase)) total += account.Total;
        lock (_gate) _cash = total;
        _everRead = true;
        _lastReadFailed = false;
        return null;
    }
}
