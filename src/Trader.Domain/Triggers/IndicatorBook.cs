using Trader.Domain.Market;
using Trader.Domain.Regime;

namespace Trader.Domain.Triggers;

/// <summary>
/// The indicator state of every product and the BTC-USD regime indicator, for the stage that owns them:
/// feed each new closed one-minute candle once with <see cref="Update"/>, then take <see cref="Readings"/> and
/// <see cref="Regime"/> into the cycle's snapshot. Not thread-safe: one owner.
/// </summary>
public sealed class IndicatorBook
{
    public const string RegimeProduct = "BTC-USD";

    private readonly IndicatorSettings _settings;
    private readonly Dictionary<string, IndicatorState> _states = new(StringComparer.Ordinal);
    // The same states in product-id order, so readings are enumerated in a stable order without walking a tree.
    private readonly List<KeyValuePair<string, IndicatorState>> _ordered = [];
    private readonly RegimeIndicator _regime = new();

    public IndicatorBook(IndicatorSettings settings) => _settings = settings;

    /// <summary>Folds in a closed candle of <paramref name="productId"/>; false when it is not newer than the last.</summary>
    public bool Update(string productId, Candle candle)
    {
        if (!_states.TryGetValue(productId, out var state)) state = Add(productId);
        var accepted = state.Update(candle);
        if (accepted && string.Equals(productId, RegimeProduct, StringComparison.Ordinal)) _regime.Update(candle);
        return accepted;
    }

    // Its own method: the lambda's closure over productId is allocated only for a new product, not per candle.
    private IndicatorState Add(string productId)
    {
        var state = new IndicatorState(_settings);
        _states.Add(productId, state);
        var at = _ordered.FindIndex(e => string.CompareOrdinal(e.Key, productId) > 0);
        _ordered.Insert(at < 0 ? _ordered.Count : at, new(productId, state));
        return state;
    }

    /// <summary>A copy of every product's current reading, for an immutable snapshot.</summary>
    public IReadOnlyDictionary<string, IndicatorReading> Readings
    {
        get
        {
            var readings = new Dictionary<string, IndicatorReading>(_ordered.Count, StringComparer.Ordinal);
            CopyReadingsTo(readings);
            return readings;
        }
    }

    /// <summary>
    /// Fills <paramref name="readings"/> (cleared first) with every product's current reading: for an owner that
    /// reuses one dictionary per cycle and never keeps a snapshot past its cycle (the backtest).
    /// </summary>
    public void CopyReadingsTo(Dictionary<string, IndicatorReading> readings)
    {
        readings.Clear();
        foreach (var (productId, state) in _ordered) readings.Add(productId, state.Reading);
    }

    public RegimeReading Regime => _regime.Reading;
}
