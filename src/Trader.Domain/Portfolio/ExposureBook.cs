using Trader.Domain.Decisions;
using Trader.Domain.Trading;
using Trader.Domain.Universe;

namespace Trader.Domain.Portfolio;

/// <summary>
/// Exposure in USD per product, theme, tier and in total (REQ-E1/E2): every filled position at its mark
/// (<see cref="MarkPrice"/>, else its average cost) plus, when risk.count_open_orders_in_cap is on, every
/// working buy at its worst-case notional, plus what this cycle already approved (<see cref="Add"/>). Working
/// sells never reduce exposure (they may not fill). One instance per cycle, owned by the risk engine.
/// </summary>
public sealed class ExposureBook
{
    private readonly UniverseMap _map;
    private readonly decimal _dustUsd;
    private readonly Dictionary<string, decimal> _byProduct = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _byTheme = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _byTier = new(StringComparer.Ordinal);
    private readonly HashSet<string> _open = new(StringComparer.Ordinal);

    public ExposureBook(DecisionSnapshot snapshot, UniverseMap map, bool countOpenOrders, decimal dustUsd)
    {
        _map = map;
        _dustUsd = dustUsd;
        foreach (var position in snapshot.Portfolio.Positions)
        {
            if (position.Size <= 0m) continue;
            var mark = MarkPrice.Of(snapshot.Markets.GetValueOrDefault(position.ProductId)) ?? position.AvgCost;
            Accumulate(position.ProductId, position.Size * mark, opensPosition: position.Size * mark >= dustUsd);
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

    public decimal OfProduct(string productId) => _byProduct.GetValueOrDefault(productId);

    public decimal OfTheme(string theme) => _byTheme.GetValueOrDefault(theme);

    public decimal OfTier(string tierName) => _byTier.GetValueOrDefault(tierName);

    /// <summary>Counts an entry approved in this cycle.</summary>
    public void Add(string productId, decimal notional) => Accumulate(productId, notional, opensPosition: notional >= _dustUsd);

    private void Accumulate(string productId, decimal notional, bool opensPosition)
    {
        Total += notional;
        _byProduct[productId] = _byProduct.GetValueOrDefault(productId) + notional;
        if (_map.ThemeOf(productId) is { } theme) _byTheme[theme] = _byTheme.GetValueOrDefault(theme) + notional;
        if (_map.TierOf(productId) is { } tier) _byTier[tier.Name] = _byTier.GetValueOrDefault(tier.Name) + notional;
        if (opensPosition) _open.Add(productId);
    }
}
