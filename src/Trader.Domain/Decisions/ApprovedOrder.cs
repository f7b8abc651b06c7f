using Trader.Domain.Rules;
using Trader.Domain.Sizing;

namespace Trader.Domain.Decisions;

/// <summary>
/// A proposal risk approved, with the final order from the sizer. <see cref="Resized"/> when a cap made it
/// smaller than the <see cref="RequestedNotional"/> (never larger than a cap); <see cref="Detail"/> says why.
/// </summary>
public sealed record ApprovedOrder(TradeProposal Proposal, SizedOrder Order, decimal RequestedNotional, bool Resized, string Detail);
