namespace Trader.Host.Execution;

/// <summary>
/// One pass of the working-order lifecycle: post-only orders re-priced, remainders sent as a taker IOC, chains ended
/// without a replacement, and orders left as they were this cycle (stale quote, gate closed, cancel not confirmed).
/// </summary>
public sealed record LifecycleSummary(int Repriced, int TakerFallbacks, int ChainsEnded, int Deferred)
{
    public bool Changed => Repriced + TakerFallbacks + ChainsEnded > 0;

    public override string ToString() =>
        $"repriced {Repriced}, taker fallbacks {TakerFallbacks}, chains ended {ChainsEnded}, deferred {Deferred}";
}
