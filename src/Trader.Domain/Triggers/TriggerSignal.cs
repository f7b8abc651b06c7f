using Trader.Domain.Decisions;

namespace Trader.Domain.Triggers;

/// <summary>
/// A fired trigger: strength and confidence in [0, 1], score = strength × confidence. <see cref="Why"/> is a text
/// or one written when first read (<see cref="ReasonText.Later{TState}"/>).
/// </summary>
/// <remarks>
/// A momentum signal from the trigger scan divides its strength out of its reading when the strength is first read:
/// the rules read it only up to the first entry of a cycle and never for a falling trigger, so in a backtest most
/// kept signals are never asked (live's journal reads every one). The values are the same as if divided eagerly;
/// equality compares the values. Safe to read from several threads: the strength is written whole before the
/// reading is let go, and racing readers compute the same bytes.
/// </remarks>
public sealed record TriggerSignal(
    string ProductId,
    TriggerKind Kind,
    TriggerDirection Direction,
    decimal Strength,
    decimal Confidence,
    decimal Price,
    ReasonText Why)
{
    private decimal _strength = Strength;
    private IndicatorReading? _momentumPending; // set: the strength is still to be divided out of this reading's return
    private decimal _fullStrengthReturnPct;

    /// <summary>A momentum signal whose strength is divided out of <paramref name="reading"/>'s return when first read.</summary>
    internal static TriggerSignal MomentumLater(
        string productId, TriggerDirection direction, decimal confidence, decimal price, ReasonText why,
        IndicatorReading reading, decimal fullStrengthReturnPct) =>
        new(productId, TriggerKind.Momentum, direction, 0m, confidence, price, why)
        {
            _momentumPending = reading,
            _fullStrengthReturnPct = fullStrengthReturnPct,
        };

    public decimal Strength
    {
        get => Volatile.Read(ref _momentumPending) is { } reading ? ResolveStrength(reading) : _strength;
        init => (_strength, _momentumPending) = (value, null);
    }

    private decimal ResolveStrength(IndicatorReading reading)
    {
        var strength = TriggerEngine.MomentumStrength(reading.MomentumReturnPct!.Value, _fullStrengthReturnPct);
        _strength = strength;
        Volatile.Write(ref _momentumPending, null);
        return strength;
    }

    public bool Equals(TriggerSignal? other) =>
        other is not null && (ReferenceEquals(this, other) ||
            ProductId == other.ProductId && Kind == other.Kind && Direction == other.Direction && Strength == other.Strength
            && Confidence == other.Confidence && Price == other.Price && Equals(Why, other.Why));

    public override int GetHashCode() => HashCode.Combine(ProductId, Kind, Direction, Strength, Confidence, Price, Why);

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
