using Trader.Domain.Decisions;

namespace Trader.Domain.Triggers;

/// <summary>
/// A fired trigger: strength and confidence in [0, 1], score = strength × confidence. <see cref="Why"/> is a text
/// or one written when first read (<see cref="ReasonText.Later{TState}"/>).
/// </summary>
public sealed record TriggerSignal(
    string ProductId,
    TriggerKind Kind,
    TriggerDirection Direction,
    decimal Strength,
    decimal Confidence,
    decimal Price,
    ReasonText Why)
{
    public string Reason => Why.ToString();

    public decimal Score => Strength * Confidence;

    /// <summary>snake_case name for logs and reports (price_move, volume_spike, breakout, momentum).</summary>
    public string KindName => NameOf(Kind);

    public static string NameOf(TriggerKind kind) => kind switch
    {
        TriggerKind.PriceMove => "price_move",
        TriggerKind.VolumeSpike => "volume_spike",
        TriggerKind.Breakout => "breakout",
        _ => "momentum",
    };
}
