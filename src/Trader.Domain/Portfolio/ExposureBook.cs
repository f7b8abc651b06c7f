using Trader.Domain.Decisions;
using Trader.Domain.Trading;
using Trader.Domain.Universe;

namespace Trader.Domain.Portfolio;

/// <summary>
/// Exposure in USD per product, theme, tier and in total (REQ-E1/E2): every filled position at its mark
/// (<see cref="MarkPrice"/>, else its average cost) plus, when risk.count_open_orders_in_cap is on, every
/// working buy at its worst-case notional, plus what this cycle already approved (<see cref="Add"/>). Working
/// sells never reduce exposure (they may not fill). One instance per cycle, owned by the risk engine. The total and
/// the open products are counted as notionals come in; the sums per product, theme and tier only when one is first
/// asked for (most entries a cycle refuses never get past the total), from the same notionals in the same order.
/// </summary>
public sealed class ExposureBook
{
    private readonly UniverseMap _map;
    private readonly decimal _dustUsd;
    // A book holds a handful of products, themes and tiers: small lists searched in order cost less per cycle
    // than three dictionaries and a set built for each one (sums are added in the same order either way).
    private readonly List<(string ProductId, decimal Usd)> _counted = new(8);
    private bool _summed;
    private Sums _byProduct, _byTheme, _byTier;
    private readonly List<string> _open = new(8);

    public ExposureBook(DecisionSnapshot snapshot, UniverseMap map, bool countOpenOrders, decimal dustUsd)
    {
        _map = map;
        _dustUsd = dustUsd;
        var positions = snapshot.Portfolio.Positions;
        for (var i = 0; i < positions.Count; i++)
        {
            var position = positions[i];
            if (position.Size <= 0m) continue;
            var mark = MarkPrice.Of(snapshot.Markets.GetValueOrDefault(position.ProductId)) ?? position.AvgCost;
            var notional = position.Size * mark;
            Accumulate(position.ProductId, notional, opensPosition: notional >= dustUsd);
        }
        if (countOpenOrders)
        {
            foreach (var order in snapshot.WorkingOrders)
                if (order.Side == OrderSide.Buy && order.WorstCaseNotional > 0m)
                    Accumulate(order.ProductId, order.WorstCaseNotional, opensPosition: true);
        }
    }

    public decimal Total { get; private set; }

    /// <summary>Products holding a position above the dust threshold or a working buy, and this cycle's entries.</summary>
    public int OpenPositions => _open.Count;

    public bool IsOpen(string productId) => _open.Contains(productId);

    public decimal OfProduct(string productId) => Summed()._byProduct.Of(productId);

    public decimal OfTheme(string theme) => Summed()._byTheme.Of(theme);

    public decimal OfTier(string tierName) => Summed()._byTier.Of(tierName);

    /// <summary>Counts an entry approved in this cycle.</summary>
    public void Add(string productId, decimal notional) => Accumulate(productId, notional, opensPosition: notional >= _dustUsd);

    private void Accumulate(string productId, decimal notional, bool opensPosition)
    {
        Total += notional;
        _counted.Add((productId, notional));
        if (_summed) AddToSums(productId, notional);
        if (opensPosition && !_open.Contains(productId)) _open.Add(productId);
    }

    private ExposureBook Summed()
    {
        if (_summed) return this;
        (_byProduct, _byTheme, _byTier, _summed) = (new Sums(8), new Sums(4), new Sums(4), true);
        foreach (var (productId, usd) in _counted) AddToSums(productId, usd);
        return this;
    }

    private void AddToSums(string productId, decimal notional)
    {
        _byProduct.Add(productId, notional);
        var (theme, tier) = _map.MemberOf(productId) is { } member ? (member.Theme, member.Tier) : (_map.ThemeOf(productId), _map.TierOf(productId));
        if (theme is not null) _byTheme.Add(theme, notional);
        if (tier is not null) _byTier.Add(tier.Name, notional);
    }

    /// <summary>USD per key, in insertion order.</summary>
    private struct Sums(int capacity)
    {
        private (string Key, decimal Usd)[] _entries = new (string, decimal)[capacity];

        public int Count { get; private set; }

        public readonly int IndexOf(string key)
        {
            for (var i = 0; i < Count; i++)
                if (string.Equals(_entries[i].Key, key, StringComparison.Ordinal)) return i;
            return -1;
        }

        public readonly decimal Of(string key) => IndexOf(key) is var i and >= 0 ? _entries[i].Usd : 0m;

        public void Add(string key, decimal usd)
        {
            var i = IndexOf(key);
            if (i >= 0)
            {
                _entries[i].Usd += usd;
                return;
            }
            if (Count == _entries.Length) Array.Resize(ref _entries, Count * 2);
            _entries[Count++] = (key, 0m + usd); // as the dictionaries summed it: the same decimal, scale included
        }
    }
}
