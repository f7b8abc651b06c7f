namespace Trader.Coinbase.Rest.Fills;

internal sealed record FillsPage(IReadOnlyList<CoinbaseFill>? Fills, string? Cursor);
