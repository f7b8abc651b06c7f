namespace Trader.Coinbase.Rest.Fees;

/// <summary><c>GET /transaction_summary</c>: 30-day volume, fees paid and the fee tier.</summary>
public sealed record TransactionSummary(decimal? TotalVolume, decimal? TotalFees, FeeTier FeeTier);
