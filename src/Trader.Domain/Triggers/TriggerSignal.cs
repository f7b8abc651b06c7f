using Trader.Domain.Decisions;

namespace Trader.Domain.Triggers;

/// <summary>A fired trigger: strength and confidence in [0, 1], score = strength × confidence.</summary>
public sealed record TriggerSignal
{
    private readonly ReasonText _reason;

    /// <param name="reason">A text, or a <see cref="ReasonText.Later{TState}"/> one written when <see cref="Reason"/> is first read.</param>
    public TriggerSignal(
        string productId,
        TriggerKind kind,
        TriggerDirection direction,
        decimal strength,
        decimal confidence,
        decimal price,
        ReasonText reason)
    {
        ProductId = productId;
        Kind = kind;
        Direction = direction;
        Strength = strength;
        Confidence = confidence;
        Price = price;
        _reason = reason;
    }

    public string ProductId { get; init; }

    public TriggerKind Kind { get; init; }

    public TriggerDirection Direction { get; init; }

    public decimal Strength { get; init; }

    public decimal Confidence { get; init; }

    public decimal Price { get; init; }

    public string Reason => _reason.ToString();

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
