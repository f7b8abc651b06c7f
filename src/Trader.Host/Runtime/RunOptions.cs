using Trader.Domain.Trading;

namespace Trader.Host.Runtime;

/// <summary>The flags of <c>trader run</c> (CONTRACTS.md §1).</summary>
public sealed record RunOptions(TradingMode? Mode, string Feed, string? Venue, int? MetricsPort, int? Seed);
