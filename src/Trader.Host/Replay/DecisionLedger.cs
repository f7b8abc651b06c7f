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

    public DecisionLedger(EventDigest digest) => _digest = digest;

    public long Proposals { get; private set; }

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

    public void OrderPlaced(ReportOrder order)
    {
        _orders.Add(order);
        _digest.AddOrder(order);
    }

    public void Fill(DateTimeOffset ts, string productId, string clientOrderId, decimal price, decimal size, decimal fee, decimal realizedPnl)
    {
        Fills++;
        Fees += fee;
        RealizedPnl += realizedPnl;
        _digest.AddFill(ts, productId, clientOrderId, price, size, fee);
    }

    public void Drawdown(double pct) => MaxDrawdownPct = Math.Max(MaxDrawdownPct, pct);
}
