using Trader.Domain.Market;

namespace Trader.Pipeline.Guards;

/// <summary>
/// The outlier guard's judgement of one quote tick. <see cref="RejectReason"/> is null when the tick may be used
/// for pricing, else <c>outlier</c> or <c>wide_spread</c>. <see cref="ZScore"/> is the tick's distance from the
/// window mean in σ (0 while the window has too few samples to judge).
/// </summary>
public readonly record struct QuoteVerdict(string ProductId, Quote Quote, string? RejectReason, double ZScore)
{
    public bool Accepted => RejectReason is null;
}
