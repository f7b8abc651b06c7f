using Trader.Domain.Decisions;

namespace Trader.Domain.Triggers;

/// <summary>
/// A fired trigger: strength and confidence in [0, 1], score = strength × confidence. <see cref="Why"/> is a text
/// or one written when first read (<see cref="ReasonText.Later{TState}"/>).
/// </summary>
/// <remarks>
/// A momentum or volume-spike signal from the trigger scan divides its strength (a volume spike also its confidence)
/// out of its reading when first read: the rules read them only up to the first entry of a cycle and never for a
/// falling trigger, so in a backtest most kept signals are never asked (live's journal reads every one). The values
/// are the same as if divided eagerly; equality compares the values. Safe to read from several threads: the values are
/// written whole before the reading is let go, and racing readers compute the same bytes.
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
    private decimal _confidence = Confidence;
    private IndicatorReading? _pendingOf; // set: strength (and a volume spike's confidence) still to be divided out of it
    private TriggerKind _pendingKind;
    private decimal _fullStrengthReturnPct;

    /// <summary>
    /// A momentum signal (of known <paramref name="confidence"/>) or a volume spike whose values are divided out of
    /// <paramref name="reading"/> when first read.
    /// </summary>
    internal static TriggerSignal Later(
        string productId, TriggerKind kind, TriggerDirection direction, decimal confidence, decimal price, ReasonText why,
        IndicatorReading reading, decimal fullStrengthReturnPct) =>
        kind is TriggerKind.Momentum or TriggerKind.VolumeSpike
            ? new(productId, kind, direction, 0m, confidence, price, why)
            {
                _pendingOf = reading,
                _pendingKind = kind,
                _fullStrengthReturnPct = fullStrengthReturnPct,
            }
            : throw new ArgumentOutOfRangeException(nameof(kind), kind, "only momentum and volume spikes are divided later");

    public decimal Strength
    {
        get
        {
            Resolve();
            return _strength;
        }
        init
        {
            Resolve();
            _strength = value;
        }
    }

    public decimal Confidence
    {
        get
        {
            Resolve();
            return _confidence;
        }
        init
        {
            Resolve();
            _confidence = value;
        }
    }

    private void Resolve()
    {
        if (Volatile.Read(ref _pendingOf) is not { } reading) return;
        (_strength, _confidence) = TriggerEngine.DividedOut(_pendingKind, reading, _fullStrengthReturnPct, _confidence);
        Volatile.Write(ref _pendingOf, null);
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
