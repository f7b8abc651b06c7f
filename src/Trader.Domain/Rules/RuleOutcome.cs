using Trader.Domain.Risk;

namespace Trader.Domain.Rules;

/// <summary>The rules' proposals and the triggers they refused to turn into one (with a reason code).</summary>
public sealed record RuleOutcome(IReadOnlyList<TradeProposal> Proposals, IReadOnlyList<Rejection> Rejections);
