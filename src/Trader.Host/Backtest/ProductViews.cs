using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Trader.Domain.Market;

namespace Trader.Host.Backtest;

/// <summary>
/// The backtest's product views by id, for the decision snapshot: one slot per product of the data (its track's
/// index), replaced every minute in place rather than inserted into a dictionary (the products never change during
/// a run). A product is in it from its first quote on, as in live's market state. Only ever read by the cycle it was
/// built for.
/// </summary>
internal sealed class ProductViews : IReadOnlyDictionary<string, ProductMarketView>
{
    private readonly ProductIdIndex _index = new();
    private readonly string[] _ids;
    private readonly ProductMarketView?[] _views;

    public ProductViews(IReadOnlyList<string> productIds)
    {
        _ids = [.. productIds];
        for (var i = 0; i < _ids.Length; i++)
            if (_index.Add(_ids[i]) != i) throw new ArgumentException($"product {_ids[i]} is listed twice", nameof(productIds));
        _views = new ProductMarketView?[_ids.Length];
    }

    /// <summary>The track index of <paramref name="productId"/>, or −1 for a product not in the data.</summary>
    public int IndexOf(string productId) => _index.IndexOf(productId);

    /// <summary>The view of the product at <paramref name="index"/> (null before its first quote).</summary>
    public ProductMarketView? At(int index) => _views[index];

    public void Set(int index, ProductMarketView view) => _views[index] = view;

    public int Count => _views.Count(v => v is not null);

    public ProductMarketView this[string key] =>
        TryGetValue(key, out var view) ? view : throw new KeyNotFoundException($"no market view for {key}");

    public IEnumerable<string> Keys => this.Select(e => e.Key);

    public IEnumerable<ProductMarketView> Values => this.Select(e => e.Value);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out ProductMarketView value)
    {
        value = _index.IndexOf(key) is var index and >= 0 ? _views[index] : null;
        return value is not null;
    }

    public IEnumerator<KeyValuePair<string, ProductMarketView>> GetEnumerator()
    {
        for (var i = 0; i < _views.Length; i++)
            if (_views[i] is { } view) yield return new(_ids[i], view);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
