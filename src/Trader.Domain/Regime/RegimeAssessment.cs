namespace Trader.Domain.Regime;

/// <summary>The regime a cycle runs under, its multiplier for sizes and caps, and why it was chosen.</summary>
public sealed record RegimeAssessment(MarketRegime Regime, decimal Multiplier, string Reason)
{
    public string Name => RegimeClassifier.NameOf(Regime);
}
