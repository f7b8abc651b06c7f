using Trader.Domain.Config;
using Trader.Domain.Market;
using Trader.Domain.Portfolio;
using Trader.Domain.Risk;
using Trader.Domain.Trading;
using Trader.Pipeline.Decisions;
using Trader.Pipeline.Safety;
using Trader.Host.Safety;
using Trader.State.Equity;
using Trader.State.Orders;
using Trader.State.Storage;

namespace Trader.Host.Execution;

/// <summary>
/// What PAPER and LIVE decide against: the account as the state DB knows it after the last reconciliation. Cash
/// comes from the venue (<paramref name="cash"/>: the paper wallet or the last account poll), positions from the
/// position rows marked at the market's mid, working orders at their worst-case notional (REQ-E2), active cooldowns
/// (REQ-CD1), the last day's orders for spacing/frequency, and the gates: kill switch, latched halts and the
/// exchange-wide health from the status channel (REQ-EX1). Each call
/// records an equity mark, so the high-water mark and the day/week start equity (REQ-DD1) survive a restart.
/// </summary>
public sealed class StatePortfolioSource(
    StateStore store,
    Func<decimal> cash,
    Func<string, decimal?> mark,
    KillSwitch killSwitch,
    PolicyConfig policy,
    Func<ProductHealth>? exchangeHealth = null) : IPortfolioSource
{
    private static readonly TimeSpan HighWaterWindow = TimeSpan.FromDays(30);
    private static readonly TimeSpan RecentTradesWindow = TimeSpan.FromDays(1);

    private readonly decimal _marketSlippage = MaxSlippageFraction(policy);
    private decimal? _highWater;
    private DateTimeOffset? _lastRelease;
    private (DateTimeOffset From, decimal Nav)? _dayStart;
    private (DateTimeOffset From, decimal Nav)? _weekStart;

    public PortfolioView Current(DateTimeOffset now)
    {
        var positions = new List<Position>();
        var cashNow = cash();
        var nav = cashNow;
        foreach (var row in store.Positions.Open())
        {
            if (row.BaseSize <= 0m) continue;
            positions.Add(new Position(row.ProductId, row.BaseSize, row.AverageCost, row.UpdatedTs));
            nav += row.BaseSize * (mark(row.ProductId) ?? row.AverageCost);
        }

        var working = new List<WorkingOrder>();
        foreach (var order in store.Orders.Working())
            working.Add(ToWorkingOrder(order));

        var cooldowns = new List<Cooldown>();
        foreach (var row in store.Cooldowns.Active(now))
            cooldowns.Add(new Cooldown(row.ProductId, row.Until, row.Reason == "stop_out" ? CooldownKind.Stop : CooldownKind.Fill));

        var trades = new List<TradeRecord>();
        foreach (var order in store.Orders.CreatedSince(now - RecentTradesWindow))
            if (order.Status != OrderStatus.Rejected) trades.Add(new TradeRecord(order.ProductId, order.Side, order.CreatedTs));

        store.Equity.Mark(new EquityMark(now, nav));
        var highWater = HighWaterMark(now, nav);
        var portfolio = new PortfolioState(cashNow, positions, nav, highWater,
            StartEquity(ref _dayStart, DrawdownMonitor.DayStart(now), now, nav), StartEquity(ref _weekStart, DrawdownMonitor.WeekStart(now), now, nav));

        var halts = store.Halts.Active();
        var safety = new SafetyState(
            killSwitch.IsActive,
            exchangeHealth?.Invoke() ?? ProductHealth.Online,
            DrawdownHaltLatched: halts.Any(h => h.Gate == DrawdownMonitor.DrawdownGate),
            DailyStopLatched: halts.Any(h => h.Gate == DrawdownMonitor.DailyGate && h.ActivatedTs >= DrawdownMonitor.DayStart(now)),
            WeeklyStopLatched: halts.Any(h => h.Gate == DrawdownMonitor.WeeklyGate && h.ActivatedTs >= DrawdownMonitor.WeekStart(now)));
        return new PortfolioView(portfolio, working, cooldowns, trades, safety);
    }

    private WorkingOrder ToWorkingOrder(OrderRecord order)
    {
        var remaining = Math.Max(0m, (order.Size ?? 0m) - order.FilledSize);
        var price = order.Price ?? 0m;
        // A market order still working may fill anywhere within execution's slippage bound.
        var worst = order.OrderType.StartsWith("market", StringComparison.Ordinal) && order.Side == OrderSide.Buy
            ? price * (1m + _marketSlippage)
            : price;
        return new WorkingOrder(order.ProductId, order.Side, remaining, worst, order.ClientOrderId);
    }

    /// <summary>
    /// The first equity mark since <paramref name="from"/>. Current() marks before asking, so once read for a day (week)
    /// it cannot change: it is read from the store once per period instead of every cycle.
    /// </summary>
    private decimal StartEquity(ref (DateTimeOffset From, decimal Nav)? cache, DateTimeOffset from, DateTimeOffset now, decimal nav)
    {
        if (cache is { } known && known.From == from) return known.Nav;
        var marks = store.Equity.Between(from, now);
        var start = marks.Count > 0 ? marks[0].Nav : nav;
        cache = (from, start);
        return start;
    }

    /// <summary>
    /// The peak NAV of the last 30 days, counted only from the last operator release of a drawdown halt: a resume
    /// accepts the loss, so the peak restarts there (as <see cref="DrawdownMonitor"/> does), or the risk engine would
    /// keep refusing with <c>max_drawdown</c> after the halt was lifted.
    /// </summary>
    private decimal HighWaterMark(DateTimeOffset now, decimal nav)
    {
        var from = now - HighWaterWindow;
        var released = AccountHalts.LastDrawdownRelease(store.Halts, from);
        if (released != _lastRelease)
        {
            (_lastRelease, _highWater) = (released, null);
            if (released is { } r && r > from) from = r;
        }
        _highWater = Math.Max(_highWater ?? store.Equity.Between(from, now).Select(m => m.Nav).DefaultIfEmpty(nav).Max(), nav);
        return _highWater.Value;
    }

    private static decimal MaxSlippageFraction(PolicyConfig policy) =>
        policy.Execution.TakerMaxSlippageBps.Values.DefaultIfEmpty(0m).Max() / 10_000m;
}
