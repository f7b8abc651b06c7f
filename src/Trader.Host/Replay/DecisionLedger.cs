using Trader.Host.Reports;

namespace Trader.Host.Replay;

/// <summary>
/// Where a plugged-in decision stage records what it did during a replay, so it reaches the report and the digest:
/// proposals, rejections by reason code, orders, fills with fees and realized PnL, and the drawdown it measured.
/// Empty (all zero) while no decision stage is connected. Called from the cycle callback, which the driver awaits
/// before it moves on, so no two calls overlap.
/// </summary>
public sealed class DecisionLedger
{
    private readonly EventDigest _digest;
    private readonly SortedDictionary<string, long> _rejected = new(StringComparer.Ordinal);
    private readonly List<ReportOrder> _orders = [];
    private readonly Dictionary<string, int> _orderIndex = new(StringComparer.Ordinal);

    public DecisionLedger(EventDigest digest) => _digest = digest;

    public long Proposals { get; private set; }

    /// <summary>Orders the venue accepted (those it refused, or that were refused before sending, are listed but not counted).</summary>
    public long OrdersPlaced { get; private set; }

    public long Fills { get; private set; }

    public decimal Fees { get; private set; }

    public decimal RealizedPnl { get; private set; }

    public double MaxDrawdownPct { get; private set; }

    public IReadOnlyDictionary<string, long> RejectedByReason => _rejected;

    public IReadOnlyList<ReportOrder> Orders => _orders;

    /// <summary>A decision (proposal, hold, exit…) in the stage's canonical fields; counts as a proposal when <paramref name="isProposal"/>.</summary>
    public void Decision(DateTimeOffset ts, bool isProposal, params string[] fields)
    {
        if (isProposal) Proposals++;
        _digest.AddDecision(ts, fields);
    }

    public void Rejected(string reasonCode) => _rejected[reasonCode] = _rejected.GetValueOrDefault(reasonCode) + 1;

    /// <summary>An order handed to the venue, with its status right after placement (digested as such).</summary>
    public void OrderPlaced(ReportOrder order, bool acceptedByVenue)
    {
        _orderIndex[order.ClientOrderId] = _orders.Count;
        _orders.Add(order);
        if (acceptedByVenue) OrdersPlaced++;
        _digest.AddOrder(order);
    }

    /// <summary>The report shows an order's latest status (a resting order later filled or cancelled); the digest keeps the placement line.</summary>
    public void OrderStatus(string clientOrderId, string status)
    {
        if (_orderIndex.TryGetValue(clientOrderId, out var index) && _orders[index].Status != status)
            _orders[index] = _orders[index] with { Status = status };
    }

    public void Fill(DateTimeOffset ts, string productId, string clientOrderId, decimal price, decimal size, decimal fee)
    {
        Fills++;
        Fees += fee;
        _digest.AddFill(ts, productId, clientOrderId, price, size, fee);
    }

    /// <summary>Realized PnL so far, net of fees, as the position book computes it (average cost).</summary>
    public void RealizedPnlIs(decimal netRealizedPnl) => RealizedPnl = netRealizedPnl;

    public void Drawdown(double pct) => MaxDrawdownPct = Math.Max(MaxDrawdownPct, pct);
}
