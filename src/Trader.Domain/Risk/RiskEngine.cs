using System.Globalization;
using System.Runtime.CompilerServices;
using Trader.Domain.Config;
using Trader.Domain.Decisions;
using Trader.Domain.Market;
using Trader.Domain.Portfolio;
using Trader.Domain.Regime;
using Trader.Domain.Rules;
using Trader.Domain.Sizing;
using Trader.Domain.Trading;
using Trader.Domain.Universe;

namespace Trader.Domain.Risk;

/// <summary>
/// The risk engine: every proposal goes through the checks below in this fixed order and stops at the first
/// that refuses it, with one reason code (docs/DECISIONS.md has the table). Exits are evaluated first, and
/// only the gates of CONTRACTS.md §5 that block exits apply to them (kill switch, drawdown/daily/weekly stops,
/// health, staleness, outlier); caps, cooldowns, spacing and frequency apply to entries only.
/// <list type="number">
/// <item>kill switch — <c>kill_switch</c></item>
/// <item>drawdown, daily, weekly stop — <c>max_drawdown</c>, <c>daily_stop_loss</c>, <c>weekly_stop_loss</c></item>
/// <item>exchange and product health, staleness, outlier, spread — <c>exchange_unhealthy</c>,
/// <c>product_unhealthy</c>, <c>stale_quote</c>, <c>stale_ohlcv</c>, <c>outlier</c>, <c>wide_spread</c></item>
/// <item>long only — <c>short_not_allowed</c></item>
/// <item>max open positions — <c>max_open_positions</c> (entries)</item>
/// <item>trade spacing and frequency — <c>trade_spacing</c>, <c>trade_frequency</c> (entries)</item>
/// <item>cooldowns — <c>cooldown</c>, <c>cooldown_after_stop</c> (entries)</item>
/// <item>caps incl. working orders — <c>max_total_at_risk_pct</c>, <c>position_size_too_large</c>,
/// <c>theme_cap</c>, <c>tier_cap</c>, <c>no_capacity</c>; otherwise resized down to fit (entries)</item>
/// <item>sizing by <see cref="OrderSizer"/> — <c>below_min_notional</c></item>
/// </list>
/// </summary>
public sealed class RiskEngine
{
    private readonly TraderConfig _config;
    private readonly UniverseMap _map;
    private readonly OrderSizer _sizer;
    private readonly Dictionary<string, ProductCaps> _productCaps = new(StringComparer.Ordinal);

    public RiskEngine(TraderConfig config, UniverseMap map, OrderSizer sizer)
    {
        _config = config;
        _map = map;
        _sizer = sizer;
        foreach (var productId in map.Symbols) _productCaps[productId] = ProductCaps.Of(productId, map, config.Policy.Risk);
    }

    private PolicyConfig Policy => _config.Policy;

    public RiskOutcome Evaluate(
        DecisionSnapshot snapshot,
        RegimeAssessment regime,
        IReadOnlyList<TradeProposal> exits,
        IReadOnlyList<TradeProposal> entries)
    {
        var approvedExits = new List<ApprovedOrder>();
        var approvedExitTrades = new List<TradeRecord>();
        var approvedEntries = new List<ApprovedOrder>();
        var rejections = new List<Rejection>();
        // The account-wide gates depend on the snapshot and the proposal kind only: evaluated once per kind.
        var gates = new GlobalGateMemo(this, snapshot);

        foreach (var exit in exits)
        {
            var outcome = EvaluateExit(snapshot, exit, gates);
            if (outcome.Approved is { } approved)
            {
                approvedExits.Add(approved);
                approvedExitTrades.Add(new TradeRecord(exit.ProductId, OrderSide.Sell, snapshot.Now));
            }
            else rejections.Add(outcome.Rejection!);
        }

        // The exposure book and the trade list only serve entries, and most cycles have none.
        if (entries.Count > 0)
        {
            var book = new ExposureBook(snapshot, _map, Policy.Risk.CountOpenOrdersInCap, Policy.Risk.MinTradeNotionalUsd);
            var trades = new List<TradeRecord>(snapshot.RecentTrades.Count + approvedExitTrades.Count + entries.Count);
            trades.AddRange(snapshot.RecentTrades);
            trades.AddRange(approvedExitTrades);
            foreach (var entry in entries)
            {
                var outcome = EvaluateEntry(snapshot, regime, entry, book, trades, gates);
                if (outcome.Approved is { } approved)
                {
                    approvedEntries.Add(approved);
                    book.Add(entry.ProductId, approved.Order.Notional);
                    trades.Add(new TradeRecord(entry.ProductId, OrderSide.Buy, snapshot.Now));
                }
                else rejections.Add(outcome.Rejection!);
            }
        }

        return new RiskOutcome(approvedExits, approvedEntries, rejections, Codes(gates.Of(ProposalKind.Entry)));
    }

    /// <summary>The account-wide gates active in this snapshot (codes, in check order), as they apply to entries.</summary>
    public IReadOnlyList<string> ActiveHalts(DecisionSnapshot snapshot) => Codes(GlobalGates(snapshot, ProposalKind.Entry));

    private static IReadOnlyList<string> Codes(List<(string Code, string Detail)> gates)
    {
        if (gates.Count == 0) return [];
        var codes = new List<string>(gates.Count);
        foreach (var (code, _) in gates) codes.Add(code);
        return codes;
    }

    /// <summary>The global gates of one snapshot per proposal kind, each computed when first asked for.</summary>
    private sealed class GlobalGateMemo(RiskEngine engine, DecisionSnapshot snapshot)
    {
        private List<(string Code, string Detail)>? _entry;
        private List<(string Code, string Detail)>? _other;

        public List<(string Code, string Detail)> Of(ProposalKind kind) => kind == ProposalKind.Entry
            ? _entry ??= engine.GlobalGates(snapshot, kind)
            : _other ??= engine.GlobalGates(snapshot, kind);
    }

    private Outcome EvaluateExit(DecisionSnapshot s, TradeProposal exit, GlobalGateMemo gates)
    {
        if (FirstGate(s, exit, gates) is { } gate) return Reject(exit, gate.Code, gate.Detail);

        var view = s.Markets[exit.ProductId];
        var quote = view.Quote!.Value;
        var role = RoleOf(Policy.Execution);
        var price = role == LiquidityRole.Maker ? quote.Ask : quote.Bid;
        var sized = _sizer.SizeSell(view.Info, exit.BaseSize!.Value, price, role);
        if (!sized.IsAccepted) return Reject(exit, sized.ReasonCode!, sized.Detail);
        return Approve(exit, sized.Order!, sized.Order!.Notional, false, $"{exit.ExitReasonName}: {exit.Reason}");
    }

    private Outcome EvaluateEntry(
        DecisionSnapshot s, RegimeAssessment regime, TradeProposal entry, ExposureBook book, List<TradeRecord> trades, GlobalGateMemo gates)
    {
        if (FirstGate(s, entry, gates) is { } gate) return Reject(entry, gate.Code, gate.Detail);

        var risk = Policy.Risk;
        if (!book.IsOpen(entry.ProductId) && book.OpenPositions >= risk.MaxOpenPositions)
            return Reject(entry, ReasonCodes.MaxOpenPositions, ReasonText.Later((book.OpenPositions, risk.MaxOpenPositions),
                static s => $"{s.OpenPositions} open ≥ max_open_positions {s.MaxOpenPositions}"));

        if (SpacingOrFrequency(s.Now, entry.ProductId, trades) is { } pacing) return Reject(entry, pacing.Code, pacing.Detail);

        if (ActiveCooldown(s, entry.ProductId) is { } cooldown)
        {
            return cooldown.Kind == CooldownKind.Stop
                ? Reject(entry, ReasonCodes.CooldownAfterStop, ReasonText.Later(cooldown.Until, static until => $"stopped out; cooling down until {Ts(until)}"))
                : Reject(entry, ReasonCodes.Cooldown, ReasonText.Later(cooldown.Until, static until => $"filled; cooling down until {Ts(until)}"));
        }

        var nav = s.Portfolio.Nav;
        var requested = entry.NotionalPct / 100m * nav;
        if (nav <= 0m) return Reject(entry, ReasonCodes.NoCapacity, $"NAV {F(nav)} leaves no capacity");
        if (requested <= 0m) return Reject(entry, ReasonCodes.BelowMinNotional, $"requested notional {F(requested)}");

        var capacity = decimal.MaxValue;
        var binding = "position_sizing.max_order_usd";
        var buffer = new CapBuffer();
        Span<CapUse> caps = buffer;
        var capCount = CapsOf(caps, entry.ProductId);
        for (var i = 0; i < capCount; i++)
        {
            // Each limit is scaled, and its use summed, when its cap is checked: most refused entries stop at the first.
            var cap = caps[i] with { LimitUsd = caps[i].Pct * regime.Multiplier / 100m * nav, UsedUsd = UsedBy(caps[i], book) };
            var remaining = cap.LimitUsd - cap.UsedUsd;
            if (remaining <= 0m)
            {
                return Reject(entry, cap.Code, ReasonText.Later((cap, regime.Multiplier), static s =>
                    $"{s.cap.Name}: {F(s.cap.UsedUsd)} used (positions + working orders + this cycle) of {F(s.cap.LimitUsd)} " +
                    $"({F(s.cap.Pct)} % × regime {F(s.Multiplier)})"));
            }
            if (remaining < capacity)
            {
                capacity = remaining;
                binding = cap.Name;
            }
        }
        if (Policy.PositionSizing.MaxOrderUsd < capacity)
        {
            capacity = Policy.PositionSizing.MaxOrderUsd;
            binding = "position_sizing.max_order_usd";
        }

        var view = s.Markets[entry.ProductId];
        var minNotional = _sizer.EffectiveMinNotional(view.Info);
        if (capacity < minNotional)
            return Reject(entry, ReasonCodes.NoCapacity, ReasonText.Later((binding, capacity, minNotional),
                static s => $"{s.binding} leaves {F(s.capacity)}, below min notional {F(s.minNotional)}"));

        var target = Math.Min(requested, capacity);
        var role = RoleOf(Policy.Execution);
        var quote = view.Quote!.Value;
        var sized = _sizer.SizeBuy(view.Info, target, capacity, role == LiquidityRole.Maker ? quote.Bid : quote.Ask, role);
        if (!sized.IsAccepted) return Reject(entry, sized.ReasonCode!, sized.Detail);

        var order = sized.Order!;
        var resized = target < requested;
        var detail = resized ? $"resized from {F(requested)} to fit {binding} ({F(capacity)} left); {sized.Detail}" : sized.Detail;
        return Approve(entry, order, requested, resized, detail);
    }

    [InlineArray(4)] // the caps of one entry (total, position, theme, tier) without an iterator or a list
    private struct CapBuffer
    {
        private CapUse _first;
    }

    /// <summary>The caps that apply to an entry in <paramref name="productId"/>, in check order, neither scaled nor summed yet.</summary>
    private int CapsOf(Span<CapUse> into, string productId)
    {
        var risk = Policy.Risk;
        var n = 0;
        into[n++] = new CapUse(ReasonCodes.MaxTotalAtRiskPct, "risk.max_total_at_risk_pct", risk.MaxTotalAtRiskPct, CapScope.Total, null);
        into[n++] = new CapUse(ReasonCodes.PositionSizeTooLarge, "risk.max_position_size_pct", risk.MaxPositionSizePct, CapScope.Product, productId);
        var caps = _productCaps.TryGetValue(productId, out var known) ? known : ProductCaps.Of(productId, _map, risk);
        if (caps.Theme is { } theme)
            into[n++] = new CapUse(ReasonCodes.ThemeCap, caps.ThemeCapName!, caps.ThemePct, CapScope.Theme, theme);
        if (caps.Tier is { } tier)
            into[n++] = new CapUse(ReasonCodes.TierCap, caps.TierCapName!, tier.MaxAllocationPct, CapScope.Tier, tier.Name);
        return n;
    }

    /// <summary>What a cap's scope already holds: positions, working orders and this cycle's approved entries.</summary>
    private static decimal UsedBy(in CapUse cap, ExposureBook book) => cap.Scope switch
    {
        CapScope.Total => book.Total,
        CapScope.Product => book.OfProduct(cap.Key!),
        CapScope.Theme => book.OfTheme(cap.Key!),
        _ => book.OfTier(cap.Key!),
    };

    /// <summary>A product's theme cap (when its theme has one) and tier, with their setting names, looked up once.</summary>
    private sealed record ProductCaps(string? Theme, decimal ThemePct, string? ThemeCapName, TierAssignment? Tier, string? TierCapName)
    {
        public static ProductCaps Of(string productId, UniverseMap map, RiskSection risk)
        {
            var tier = map.TierOf(productId);
            var tierCapName = tier is null ? null : $"tiers.{tier.Name}.max_allocation_pct";
            return map.ThemeOf(productId) is { } theme && risk.MaxPerThemePct.TryGetValue(theme, out var pct)
                ? new ProductCaps(theme, pct, $"risk.max_per_theme_pct.{theme}", tier, tierCapName)
                : new ProductCaps(null, 0m, null, tier, tierCapName);
        }
    }

    private (string Code, string Detail)? FirstGate(DecisionSnapshot s, TradeProposal p, GlobalGateMemo gates)
    {
        var global = gates.Of(p.Kind);
        if (global.Count > 0) return global[0];
        if (ProductGate(s, p) is { } productGate) return productGate;
        return LongOnly(s, p);
    }

    private List<(string Code, string Detail)> GlobalGates(DecisionSnapshot s, ProposalKind kind)
    {
        List<(string Code, string Detail)>? gates = null;
        var risk = Policy.Risk;
        var safety = s.Safety;
        var portfolio = s.Portfolio;
        if (safety.KillSwitchActive) (gates ??= []).Add((ReasonCodes.KillSwitch, "kill switch active"));

        // Each stop compares a move of the NAV with a limit; one far inside it is proven so without the division (MoveBound).
        var nav = (double)portfolio.Nav;
        if (safety.DrawdownHaltLatched || MoveBound.MayReach((double)portfolio.HighWaterMark, nav, MoveBound.Of(risk.MaxDrawdownPct)))
        {
            var drawdownPct = portfolio.HighWaterMark > 0m ? (portfolio.HighWaterMark - portfolio.Nav) / portfolio.HighWaterMark * 100m : 0m;
            if (safety.DrawdownHaltLatched || drawdownPct >= risk.MaxDrawdownPct)
                (gates ??= []).Add((ReasonCodes.MaxDrawdown, $"drawdown {F(drawdownPct)} % from HWM {F(portfolio.HighWaterMark)} (max {F(risk.MaxDrawdownPct)} %){Latched(safety.DrawdownHaltLatched)}"));
        }

        if (safety.DailyStopLatched || MoveBound.MayReach((double)portfolio.DayStartEquity, nav, MoveBound.Of(Math.Abs(risk.DailyStopPnlPct))))
        {
            var dayPct = ChangePct(portfolio.DayStartEquity, portfolio.Nav);
            if (safety.DailyStopLatched || dayPct <= -Math.Abs(risk.DailyStopPnlPct))
                (gates ??= []).Add((ReasonCodes.DailyStopLoss, $"day PnL {F(dayPct)} % (stop {F(-Math.Abs(risk.DailyStopPnlPct))} %){Latched(safety.DailyStopLatched)}"));
        }

        if (safety.WeeklyStopLatched || MoveBound.MayReach((double)portfolio.WeekStartEquity, nav, MoveBound.Of(Math.Abs(risk.WeeklyStopPnlPct))))
        {
            var weekPct = ChangePct(portfolio.WeekStartEquity, portfolio.Nav);
            if (safety.WeeklyStopLatched || weekPct <= -Math.Abs(risk.WeeklyStopPnlPct))
                (gates ??= []).Add((ReasonCodes.WeeklyStopLoss, $"week PnL {F(weekPct)} % (stop {F(-Math.Abs(risk.WeeklyStopPnlPct))} %){Latched(safety.WeeklyStopLatched)}"));
        }

        if (Policy.CircuitBreakers.CheckExchangeStatus && !Allows(safety.ExchangeHealth, kind))
            (gates ??= []).Add((ReasonCodes.ExchangeUnhealthy, $"exchange status {safety.ExchangeHealth.Status}{Why(safety.ExchangeHealth)}"));
        return gates ?? NoGates;
    }

    // Shared by every snapshot in which no gate fires; never added to.
    private static readonly List<(string Code, string Detail)> NoGates = [];

    private (string Code, string Detail)? ProductGate(DecisionSnapshot s, TradeProposal p)
    {
        if (!s.Markets.TryGetValue(p.ProductId, out var view)) return (ReasonCodes.StaleQuote, "no market data");
        if (Policy.CircuitBreakers.CheckProductStatus && !Allows(view.Health, p.Kind))
            return (ReasonCodes.ProductUnhealthy, $"product status {view.Health.Status}{Why(view.Health)}");
        if (view.Quote is not { } quote || quote.Bid <= 0m || quote.Ask < quote.Bid)
            return (ReasonCodes.StaleQuote, "no usable quote");
        if (view.QuoteStale) return (ReasonCodes.StaleQuote, $"quote older than {F(Policy.CircuitBreakers.MaxQuoteAgeSeconds)} s");
        if (view.OhlcvStale) return (ReasonCodes.StaleOhlcv, $"last candle older than {F(Policy.CircuitBreakers.MaxOhlcvAgeSeconds)} s");
        if (s.Safety.IsOutlier(p.ProductId)) return (ReasonCodes.Outlier, "latest tick rejected by the outlier guard");
        var limit = _map.TierOf(p.ProductId)?.MaxSpreadBps ?? Policy.Liquidity.MaxSpreadBps;
        if (quote.SpreadAbove(limit)) return (ReasonCodes.WideSpread, $"spread {F(Math.Round(quote.SpreadBps, 2))} bps > {F(limit)}");
        return null;
    }

    private static (string Code, string Detail)? LongOnly(DecisionSnapshot s, TradeProposal p)
    {
        if (p.Side == OrderSide.Buy)
        {
            return p.Kind == ProposalKind.Entry && p.NotionalPct >= 0m
                ? null
                : (ReasonCodes.ShortNotAllowed, $"negative or misplaced buy (notional_pct {F(p.NotionalPct)})");
        }

        if (p.Kind != ProposalKind.Exit || p.BaseSize is not { } size || size <= 0m)
            return (ReasonCodes.ShortNotAllowed, "a sell may only reduce an existing long");
        var held = s.Portfolio.PositionOf(p.ProductId)?.Size ?? 0m;
        var pending = 0m;
        foreach (var order in s.WorkingOrders)
            if (order.Side == OrderSide.Sell && string.Equals(order.ProductId, p.ProductId, StringComparison.Ordinal))
                pending += Math.Max(0m, order.RemainingSize);
        return size > held - pending
            ? (ReasonCodes.ShortNotAllowed, $"sell {F(size)} exceeds the long {F(held)} less working sells {F(pending)}")
            : null;
    }

    private (string Code, ReasonText Detail)? SpacingOrFrequency(DateTimeOffset now, string productId, List<TradeRecord> trades)
    {
        var risk = Policy.Risk;
        DateTimeOffset? lastAny = null, lastSymbol = null;
        int lastHour = 0, lastDay = 0;
        foreach (var trade in trades)
        {
            if (trade.At > now) continue;
            if (lastAny is null || trade.At > lastAny) lastAny = trade.At;
            if (string.Equals(trade.ProductId, productId, StringComparison.Ordinal) && (lastSymbol is null || trade.At > lastSymbol))
                lastSymbol = trade.At;
            var age = now - trade.At;
            if (age < TimeSpan.FromHours(1)) lastHour++;
            if (age < TimeSpan.FromDays(1)) lastDay++;
        }

        if (lastAny is { } any && (decimal)(now - any).TotalSeconds < risk.MinSecondsBetweenTrades)
        {
            return (ReasonCodes.TradeSpacing, ReasonText.Later((any, risk.MinSecondsBetweenTrades),
                static s => $"last trade {Ts(s.any)}, min_seconds_between_trades {F(s.MinSecondsBetweenTrades)}"));
        }
        if (lastSymbol is { } symbol && (decimal)(now - symbol).TotalSeconds < risk.PerSymbolTradeSpacingSeconds)
        {
            return (ReasonCodes.TradeSpacing, ReasonText.Later((productId, symbol, risk.PerSymbolTradeSpacingSeconds),
                static s => $"last {s.productId} trade {Ts(s.symbol)}, per_symbol_trade_spacing_seconds {F(s.PerSymbolTradeSpacingSeconds)}"));
        }
        if (lastHour >= risk.MaxTradesPerHour)
        {
            return (ReasonCodes.TradeFrequency, ReasonText.Later((lastHour, risk.MaxTradesPerHour),
                static s => $"{s.lastHour} trades in the last hour ≥ max_trades_per_hour {s.MaxTradesPerHour}"));
        }
        if (lastDay >= risk.MaxTradesPerDay)
        {
            return (ReasonCodes.TradeFrequency, ReasonText.Later((lastDay, risk.MaxTradesPerDay),
                static s => $"{s.lastDay} trades in the last day ≥ max_trades_per_day {s.MaxTradesPerDay}"));
        }
        return null;
    }

    private static Cooldown? ActiveCooldown(DecisionSnapshot s, string productId)
    {
        Cooldown? active = null;
        foreach (var cooldown in s.Cooldowns)
        {
            if (!string.Equals(cooldown.ProductId, productId, StringComparison.Ordinal) || cooldown.Until <= s.Now) continue;
            active = active is null ? cooldown : Cooldown.Longer(active, cooldown);
        }
        return active;
    }

    /// <summary>Entries need an online status; exits are also allowed under limit_only / post_only (CONTRACTS.md §5).</summary>
    private static bool Allows(ProductHealth health, ProposalKind kind) => kind == ProposalKind.Entry
        ? health.AllowsEntries
        : health.Status is ProductStatus.Online or ProductStatus.LimitOnly or ProductStatus.PostOnly;

    /// <summary>limit_post_only rests on the book (maker fee, buy at the bid / sell at the ask); market_ioc takes.</summary>
    public static LiquidityRole RoleOf(ExecutionSection execution) =>
        execution.DefaultOrderType.StartsWith("market", StringComparison.OrdinalIgnoreCase) ? LiquidityRole.Taker : LiquidityRole.Maker;

    private static decimal ChangePct(decimal from, decimal to) => from > 0m ? (to - from) / from * 100m : 0m;

    private static Outcome Reject(TradeProposal p, string code, ReasonText detail) =>
        new(null, new Rejection(p.ProductId, p.Side, p.Kind, code, detail, p));

    private static Outcome Approve(TradeProposal p, SizedOrder order, decimal requested, bool resized, string detail) =>
        new(new ApprovedOrder(p, order, requested, resized, detail), null);

    private static string Latched(bool latched) => latched ? " (latched)" : "";

    private static string Why(ProductHealth health) => health.Reason is null ? "" : ": " + health.Reason;

    private static string F(decimal value) => Math.Round(value, 6).ToString(CultureInfo.InvariantCulture);

    private static string Ts(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private readonly record struct Outcome(ApprovedOrder? Approved, Rejection? Rejection);

    private enum CapScope { Total, Product, Theme, Tier }

    /// <summary>A cap of an entry: its reason code, setting name and percentage, what it covers, and once checked its limit and use.</summary>
    private readonly record struct CapUse(string Code, string Name, decimal Pct, CapScope Scope, string? Key, decimal LimitUsd = 0m, decimal UsedUsd = 0m);
}
