using System.Globalization;
using Trader.Domain.Config;
using Trader.Domain.Decisions;
using Trader.Domain.Market;
using Trader.Domain.Portfolio;
using Trader.Domain.Regime;
using Trader.Domain.Risk;
using Trader.Domain.Trading;
using Trader.Domain.Triggers;
using Trader.Domain.Universe;

namespace Trader.Domain.Rules;

/// <summary>
/// REQ-R1/R2: triggers → entry proposals, open positions → exit proposals. Long only: a rising trigger may
/// propose a buy; a falling one never proposes a sell of something not held (it is refused with
/// <c>short_not_allowed</c>); sells only ever exit an existing long.
/// </summary>
public static class RulesEngine
{
    /// <summary>conviction = base + w_s × strength + w_c × confidence, clamped to [0, 1].</summary>
    public static decimal Conviction(TriggerSignal trigger, ConvictionWeights weights) =>
        Math.Min(1m, Math.Max(0m, weights.Base + weights.TriggerStrength * trigger.Strength + weights.TriggerConfidence * trigger.Confidence));

    /// <summary>
    /// Entry proposals for <paramref name="triggers"/> (strongest first): notional_pct = the tier's
    /// strategy.base_position_pct (a fraction of NAV) × 100 × the regime multiplier; stop-loss and take-profit
    /// from risk.stop_loss_pct / take_profit_pct; at most strategy.max_new_positions_per_cycle of them; none at
    /// all when the regime multiplier is 0 (crash). A product with a buy already working gets no second entry
    /// until that order is done (the reference's pending-buy rule), so resting orders never stack up.
    /// </summary>
    public static RuleOutcome ProposeEntries(
        IReadOnlyList<TriggerSignal> triggers,
        EligibleUniverse universe,
        RegimeAssessment regime,
        PortfolioState portfolio,
        IReadOnlyList<WorkingOrder> workingOrders,
        PolicyConfig policy)
    {
        var proposals = new List<TradeProposal>();
        var rejections = new List<Rejection>();
        var strategy = policy.Strategy;
        if (regime.Multiplier <= 0m) return new RuleOutcome(proposals, rejections);

        foreach (var trigger in triggers)
        {
            if (proposals.Count >= strategy.MaxNewPositionsPerCycle) break;
            var member = universe.MemberOf(trigger.ProductId);
            if (member is null)
            {
                rejections.Add(new Rejection(trigger.ProductId, OrderSide.Buy, ProposalKind.Entry, ReasonCodes.NotEligible,
                    "not in this cycle's universe"));
                continue;
            }
            if (trigger.Direction == TriggerDirection.Down)
            {
                if (portfolio.PositionOf(trigger.ProductId) is null)
                {
                    rejections.Add(new Rejection(trigger.ProductId, OrderSide.Sell, ProposalKind.Entry, ReasonCodes.ShortNotAllowed,
                        ReasonText.Later(trigger.KindName, static kind => $"falling {kind} trigger and no long to reduce: spot is long-only")));
                }
                continue;
            }
            if (HasWorkingBuy(workingOrders, trigger.ProductId)) continue;

            var conviction = Conviction(trigger, strategy.ConvictionWeights);
            if (conviction < strategy.MinConvictionToPropose)
            {
                rejections.Add(new Rejection(trigger.ProductId, OrderSide.Buy, ProposalKind.Entry, ReasonCodes.LowConviction,
                    $"conviction {F(conviction)} < min_conviction_to_propose {F(strategy.MinConvictionToPropose)}"));
                continue;
            }
            if (!strategy.BasePositionPct.TryGetValue(member.Tier.BaseSizeKey, out var baseFraction) || baseFraction <= 0m)
            {
                rejections.Add(new Rejection(trigger.ProductId, OrderSide.Buy, ProposalKind.Entry, ReasonCodes.NotEligible,
                    $"no strategy.base_position_pct for {member.Tier.BaseSizeKey}"));
                continue;
            }

            var notionalPct = baseFraction * 100m * regime.Multiplier;
            proposals.Add(new TradeProposal(
                trigger.ProductId, OrderSide.Buy, ProposalKind.Entry, notionalPct,
                policy.Risk.StopLossPct, policy.Risk.TakeProfitPct, conviction, trigger,
                ReasonText.Later(trigger, static t => $"{t.KindName} {t.Direction.ToString().ToLowerInvariant()} (score {F(t.Score)}): {t.Reason}"),
                RuleBook.MaxHoldOf(trigger.Kind)));
        }
        return new RuleOutcome(proposals, rejections);
    }

    /// <summary>
    /// Exit proposals, every cycle, for every open position not already being sold in full: stop-loss when the
    /// mark is down stop_loss_pct from the average cost, take-profit when up take_profit_pct, max hold when held
    /// that long. Positions worth less than risk.min_trade_notional_usd are dust and ignored.
    /// </summary>
    public static IReadOnlyList<TradeProposal> ProposeExits(DecisionSnapshot snapshot, PolicyConfig policy)
    {
        if (snapshot.Portfolio.Positions.Count == 0) return [];
        var exits = new List<TradeProposal>();
        var positions = ByProduct(snapshot.Portfolio.Positions);
        for (var i = 0; i < positions.Count; i++)
        {
            var position = positions[i];
            if (position.Size <= 0m || position.AvgCost <= 0m) continue;
            var mark = MarkPrice.Of(snapshot.Markets.GetValueOrDefault(position.ProductId));
            if (mark is not { } price) continue;
            if (position.Size * price < policy.Risk.MinTradeNotionalUsd) continue;

            var pending = 0m;
            foreach (var order in snapshot.WorkingOrders)
                if (order.Side == OrderSide.Sell && string.Equals(order.ProductId, position.ProductId, StringComparison.Ordinal))
                    pending += Math.Max(0m, order.RemainingSize);
            var available = position.Size - pending;
            if (available <= 0m) continue;

            var stopLoss = position.StopLossPct ?? policy.Risk.StopLossPct;
            var takeProfit = position.TakeProfitPct ?? policy.Risk.TakeProfitPct;
            var held = snapshot.Now - position.OpenedAt;

            (ExitReason Reason, string Why)? exit = null;
            // Most positions are well inside both bands every cycle: proven so without the division (MoveBound).
            if (MoveBound.MayReach((double)position.AvgCost, (double)price, MoveBound.Of(Math.Min(stopLoss, takeProfit))))
            {
                var pnlPct = (price / position.AvgCost - 1m) * 100m;
                if (pnlPct <= -stopLoss) exit = (ExitReason.StopLoss, $"pnl {F(pnlPct)} % ≤ −{F(stopLoss)} %");
                else if (pnlPct >= takeProfit) exit = (ExitReason.TakeProfit, $"pnl {F(pnlPct)} % ≥ {F(takeProfit)} %");
            }
            if (exit is null && position.MaxHold is { } maxHold && held >= maxHold)
                exit = (ExitReason.MaxHold, $"held {held.TotalHours.ToString("0.##", CultureInfo.InvariantCulture)} h ≥ {maxHold.TotalHours.ToString("0.##", CultureInfo.InvariantCulture)} h");
            if (exit is not { } e) continue;

            var nav = snapshot.Portfolio.Nav;
            exits.Add(new TradeProposal(
                position.ProductId, OrderSide.Sell, ProposalKind.Exit,
                nav > 0m ? available * price / nav * 100m : 0m,
                stopLoss, takeProfit, 1m, null, e.Why, position.MaxHold, available, e.Reason));
        }
        return exits;
    }

    /// <summary>The positions in product-id order; most holders keep them so, and then nothing is sorted or copied.</summary>
    private static IReadOnlyList<Position> ByProduct(IReadOnlyList<Position> positions)
    {
        for (var i = 1; i < positions.Count; i++)
            if (string.CompareOrdinal(positions[i - 1].ProductId, positions[i].ProductId) > 0)
                return positions.OrderBy(p => p.ProductId, StringComparer.Ordinal).ToList();
        return positions;
    }

    private static bool HasWorkingBuy(IReadOnlyList<WorkingOrder> workingOrders, string productId)
    {
        foreach (var order in workingOrders)
            if (order.Side == OrderSide.Buy && string.Equals(order.ProductId, productId, StringComparison.Ordinal)) return true;
        return false;
    }

    private static string F(decimal value) => Math.Round(value, 4).ToString(CultureInfo.InvariantCulture);
}
