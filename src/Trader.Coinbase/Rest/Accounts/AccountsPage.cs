namespace Trader.Coinbase.Rest.Accounts;

internal sealed record AccountsPage(IReadOnlyList<CoinbaseAccount>? Accounts, bool HasNext, string? Cursor);
