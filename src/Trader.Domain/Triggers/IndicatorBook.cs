using System.Collections;
using System.Diagnostics.CodeAnalysis;
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
    // Each product's state under its number in the index (the order products were first seen).
    private readonly ProductIdIndex _index = new();
    private readonly List<IndicatorState> _states = [];
    private int _regimeNumber = -1;
    // The same states in product-id order, so readings are enumerated in a stable order without walking a tree.
    private readonly List<KeyValuePair<string, IndicatorState>> _ordered = [];
    private readonly RegimeIndicator _regime = new();

    public IndicatorBook(IndicatorSettings settings)
    {
        _settings = settings;
        Current = new CurrentReadings(this);
    }

    /// <summary>Folds in a closed candle of <paramref name="productId"/>; false when it is not newer than the last.</summary>
    public bool Update(string productId, in Candle candle)
    {
        var number = _index.IndexOf(productId);
        var state = number >= 0 ? _states[number] : Add(productId, out number);
        var accepted = state.Update(candle);
        if (accepted && number == _regimeNumber) _regime.Update(candle);
        return accepted;
    }

    // Its own method: the lambda's closure over productId is allocated only for a new product, not per candle.
    private IndicatorState Add(string productId, out int number)
    {
        var state = new IndicatorState(_settings);
        number = _index.Add(productId);
        _states.Add(state);
        if (string.Equals(productId, RegimeProduct, StringComparison.Ordinal)) _regimeNumber = number;
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
            foreach (var (productId, state) in _ordered) readings.Add(productId, state.Reading);
            return readings;
        }
    }

    /// <summary>
    /// Every product's current reading, read through to the book: no copy, and a reading is computed only when
    /// looked up. It follows the book, so it serves an owner that never keeps a snapshot past its cycle and does
    /// not <see cref="Update"/> during one (the backtest); the readings it hands out are immutable like any other.
    /// </summary>
    public IReadOnlyDictionary<string, IndicatorReading> Current { get; }

    public RegimeReading Regime => _regime.Reading;

    private sealed class CurrentReadings(IndicatorBook book) : IReadOnlyDictionary<string, IndicatorReading>
    {
        public int Count => book._ordered.Count;

        public IndicatorReading this[string key] =>
            TryGetValue(key, out var reading) ? reading : throw new KeyNotFoundException($"no indicators for {key}");

        public IEnumerable<string> Keys => book._ordered.Select(e => e.Key);

        public IEnumerable<IndicatorReading> Values => book._ordered.Select(e => e.Value.Reading);

        public bool ContainsKey(string key) => book._index.IndexOf(key) >= 0;

        public bool TryGetValue(string key, [MaybeNullWhen(false)] out IndicatorReading value)
        {
            value = book._index.IndexOf(key) is var number and >= 0 ? book._states[number].Reading : null;
            return value is not null;
        }

        public IEnumerator<KeyValuePair<string, IndicatorReading>> GetEnumerator()
        {
            foreach (var (productId, state) in book._ordered) yield return new(productId, state.Reading);
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
