using Trader.Domain.Config;
using Trader.Domain.Portfolio;
using Trader.Domain.Rules;
using Trader.Domain.Trading;

namespace Trader.Host.Backtest;

/// <summary>
/// The paper account of a backtest: cash, long positions (average cost without fees, the opening rule's exit
/// parameters), round trips, cooldowns after fills and stop-outs (REQ-CD1), the orders placed in the last day
/// (spacing and frequency), the high-water mark and the equity at the start of the UTC day and ISO week (REQ-DD1).
/// </summary>
internal sealed class BacktestAccount
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private readonly RiskSection _risk;
    private readonly SortedDictionary<string, Position> _positions = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, OpenTrade> _open = new(StringComparer.Ordinal);
    private readonly List<BacktestTrade> _closed = [];
    private Position[] _positionList = [];
    private DateTime? _day;
    private DateTime? _week;

    public BacktestAccount(decimal initialCash, RiskSection risk)
    {
        _risk = risk;
        Cash = initialCash;
        HighWaterMark = initialCash;
        DayStartEquity = initialCash;
        WeekStartEquity = initialCash;
    }

    public decimal Cash { get; private set; }
    public decimal Fees { get; private set; }
    public decimal RealizedGross { get; private set; }
    public decimal HighWaterMark { get; private set; }
    public decimal DayStartEquity { get; private set; }
    public decimal WeekStartEquity { get; private set; }
    public List<Cooldown> Cooldowns { get; } = [];
    public List<TradeRecord> RecentTrades { get; } = [];

    public IReadOnlyList<Position> Positions => _positionList;

    public void ApplyBuy(string productId, in FillOutcome fill, DateTimeOffset at, TradeProposal proposal)
    {
        var notional = fill.Size * fill.Price;
        Cash -= notional + fill.Fee;
        Fees += fill.Fee;
        if (_positions.TryGetValue(productId, out var held))
        {
            var size = held.Size + fill.Size;
            _positions[productId] = held with { Size = size, AvgCost = (held.Size * held.AvgCost + notional) / size };
        }
        else
        {
            _positions[productId] = new Position(productId, fill.Size, fill.Price, at, proposal.StopLossPct, proposal.TakeProfitPct, proposal.MaxHold);
        }
        if (!_open.TryGetValue(productId, out var trade))
        {
            trade = new OpenTrade(at, proposal.Trigger?.KindName ?? "entry");
            _open.Add(productId, trade);
        }
        trade.Bought += fill.Size;
        trade.BoughtNotional += notional;
        trade.Fees += fill.Fee;
        Cooldowns.Add(Cooldown.AfterFill(productId, at, _risk));
        _positionList = [.. _positions.Values];
    }

    public void ApplySell(string productId, in FillOutcome fill, DateTimeOffset at, TradeProposal proposal)
    {
        if (!_positions.TryGetValue(productId, out var held)) return;
        var notional = fill.Size * fill.Price;
        Cash += notional - fill.Fee;
        Fees += fill.Fee;
        RealizedGross += (fill.Price - held.AvgCost) * fill.Size;
        var remaining = held.Size - fill.Size;
        if (remaining > 0m) _positions[productId] = held with { Size = remaining };
        else _positions.Remove(productId);

        var trade = _open[productId];
        trade.Sold += fill.Size;
        trade.SoldNotional += notional;
        trade.Fees += fill.Fee;
        trade.ExitReason = proposal.ExitReasonName ?? "exit";
        if (remaining <= 0m)
        {
            _open.Remove(productId);
            _closed.Add(trade.Close(productId, at, null));
        }
        Cooldowns.Add(Cooldown.AfterFill(productId, at, _risk));
        if (proposal.ExitReason == Domain.Rules.ExitReason.StopLoss) Cooldowns.Add(Cooldown.AfterStop(productId, at, _risk));
        _positionList = [.. _positions.Values];
    }

    public void Placed(string productId, OrderSide side, DateTimeOffset at) => RecentTrades.Add(new TradeRecord(productId, side, at));

    /// <summary>
    /// Starts the cycle at <paramref name="now"/> with the account marked at <paramref name="nav"/>: drops expired
    /// cooldowns and trades older than a day, moves the high-water mark, and takes the day's and week's opening
    /// equity at the first cycle of a new UTC day / ISO week (Monday).
    /// </summary>
    public PortfolioState Mark(DateTimeOffset now, decimal nav)
    {
        for (var i = 0; i < Cooldowns.Count; i++)
        {
            if (Cooldowns[i].Until > now) continue;
            DropExpiredCooldowns(now);
            break;
        }
        var old = 0;
        while (old < RecentTrades.Count && now - RecentTrades[old].At >= Day) old++;
        if (old > 0) RecentTrades.RemoveRange(0, old);

        var day = now.UtcDateTime.Date;
        if (_day != day)
        {
            _day = day;
            DayStartEquity = nav;
        }
        var week = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        if (_week != week)
        {
            _week = week;
            WeekStartEquity = nav;
        }
        if (nav > HighWaterMark) HighWaterMark = nav;
        return new PortfolioState(Cash, _positionList, nav, HighWaterMark, DayStartEquity, WeekStartEquity);
    }

    // Its own method: the lambda's closure is allocated only when a cooldown has expired, not every cycle.
    private void DropExpiredCooldowns(DateTimeOffset now) => Cooldowns.RemoveAll(c => c.Until <= now);

    /// <summary>The closed round trips, then those still open valued at <paramref name="mark"/>, by entry time then product.</summary>
    public List<BacktestTrade> Trades(Func<string, decimal> mark)
    {
        var all = new List<BacktestTrade>(_closed);
        foreach (var (productId, trade) in _open)
        {
            var held = _positions.TryGetValue(productId, out var p) ? p.Size : 0m;
            all.Add(trade.Close(productId, null, (held, mark(productId))));
        }
        return all.OrderBy(t => t.EntryTs).ThenBy(t => t.ProductId, StringComparer.Ordinal).ToList();
    }

    private sealed class OpenTrade(DateTimeOffset entryTs, string entryReason)
    {
        public decimal Bought;
        public decimal BoughtNotional;
        public decimal Sold;
        public decimal SoldNotional;
        public decimal Fees;
        public string ExitReason = "open";

        /// <summary>The round trip as reported; <paramref name="openAt"/> values what is still held (size, mark).</summary>
        public BacktestTrade Close(string productId, DateTimeOffset? exitTs, (decimal Size, decimal Mark)? openAt)
        {
            var exitSize = Sold;
            var exitNotional = SoldNotional;
            if (openAt is { } o)
            {
                exitSize += o.Size;
                exitNotional += o.Size * o.Mark;
            }
            var entryPrice = Bought > 0m ? BoughtNotional / Bought : 0m;
            var exitPrice = exitSize > 0m ? exitNotional / exitSize : 0m;
            return new BacktestTrade(productId, entryTs, exitTs, "buy", Bought, Round(entryPrice), Round(exitPrice), Fees,
                exitNotional - BoughtNotional - Fees, EntryReason: entryReason, ExitReason: openAt is null ? ExitReason : "open");
        }

        private static decimal Round(decimal price) => Math.Round(price, 8, MidpointRounding.ToEven);
    }
}
