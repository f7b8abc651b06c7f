using System.Runtime.InteropServices;
using Trader.Domain.Config;
using Trader.Domain.Decisions;
using Trader.Domain.Market;
using Trader.Domain.Memory;
using Trader.Domain.Portfolio;
using Trader.Domain.Risk;
using Trader.Domain.Rules;
using Trader.Domain.Trading;
using Trader.Domain.Triggers;
using Trader.Host.Execution;
using Trader.Pipeline.Clock;
using Trader.Pipeline.Guards;

namespace Trader.Host.Backtest;

/// <summary>
/// Runs one-minute candles of one or many products through the live decision stages in virtual time: for each
/// minute (the earliest candle start left in any product), at that minute's close ("now"), it
/// <list type="number">
/// <item>resolves the orders the previous cycle approved against this minute's candle of their product
/// (<see cref="FillModel"/>; an order whose product has no candle in that minute is cancelled, <c>no_candle</c>);</item>
/// <item>folds this minute's traded candles into the one <see cref="IndicatorBook"/> and the product views (quote
/// synthesized around the close, staleness as live computes it);</item>
/// <item>marks the account and runs ONE decision cycle over all products (<see cref="DecisionEngine.Decide"/>:
/// regime, universe, triggers, rules incl. stop-loss / take-profit / max-hold exits, risk, the one sizer);</item>
/// <item>queues the approved exits and entries for the next minute, each with a client order id from the
/// seeded generator on the backtest's <see cref="VirtualClock"/>.</item>
/// </list>
/// Nothing reads a clock; the same data, configuration and seed give the same result.
/// </summary>
public sealed class BacktestEngine
{
    public const string Unassigned = "UNASSIGNED";
    private const int ProgressEvery = 1024;

    private const double DrawdownSlackPct = 1e-9;

    private readonly TraderConfig _config;
    private readonly BacktestSettings _settings;
    private readonly StalenessSettings _staleness;

    public BacktestEngine(TraderConfig config, BacktestSettings settings)
    {
        _config = config;
        _settings = settings;
        _staleness = StalenessSettings.From(config.Policy.CircuitBreakers);
        Decisions = new DecisionEngine(config);
    }

    public DecisionEngine Decisions { get; }

    /// <param name="progress">Called with the candles processed so far, every ~1000 cycles and at the end.</param>
    public BacktestResult Run(BacktestData data, Action<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var series = data.Series;
        var tracks = series.Select(s => new ProductTrack(s.ProductId, _settings)).ToArray();
        // The candle arrays themselves: the minute loop indexes them a few times per product per minute.
        var candlesOf = series.Select(s => s.Candles).ToArray();
        var next = new int[series.Count];
        var indicators = new IndicatorBook(IndicatorSettings.From(_config));
        var account = new BacktestAccount(_settings.InitialCapitalUsd, _config.Policy.Risk);
        var themes = ThemesOf(series);
        // Per theme, in the order of `themes`: arrays, so a cycle looks nothing up by name.
        // One cycle per minute of the longest series at least: sized once instead of doubling through the run.
        var minutes = series.Count == 0 ? 0 : series.Max(s => s.Candles.Length);
        var themeSeries = themes.Select(_ => new List<float>(minutes)).ToArray();
        var themeMax = new double[themes.Count];
        var themeHeld = new decimal[themes.Count];
        // Per product (by track index): its view, replaced every minute, and its theme's index, so marking a position
        // looks one thing up, not four.
        var views = new ProductViews([.. tracks.Select(t => t.ProductId)]);
        var themeOf = tracks.Select(t => themes.IndexOf(ThemeOf(t.ProductId))).ToArray();
        var rejectedCounts = new Dictionary<string, long>(StringComparer.Ordinal);
        var unfilled = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var orders = new List<BacktestOrder>();
        var equity = new List<EquityPoint>(minutes);
        var halts = new List<BacktestHalt>();
        var openHalts = new Dictionary<string, int>(StringComparer.Ordinal);
        var pending = new List<Pending>();
        var clock = new VirtualClock(DateTimeOffset.UnixEpoch);
        var usedIds = new HashSet<string>(StringComparer.Ordinal);
        var ids = new ClientOrderIdGenerator(BacktestSettings.BotId, clock.TimeProvider, usedIds.Contains, new Random(_settings.Seed));
        var active = new bool[series.Count];
        var sizer = Decisions.Sizer;

        long candles = 0, cycles = 0, proposals = 0, fills = 0;
        decimal maxDrawdown = 0m;
        double maxDrawdownApprox = 0d;
        DateTimeOffset? first = null;
        DateTimeOffset last = default;

        // A minute is its own method: the JIT then compiles it like any method called once per cycle, optimized with the
        // profile of its first calls, rather than as one long loop it can only swap for optimized code mid-run
        // (on-stack replacement, without that profile): ≈ 6 % of a warm run.
        while (Minute()) { }

        bool Minute()
        {
            // The earliest candle start left (compared as UTC ticks; the minute keeps that candle's own offset).
            var earliest = -1;
            var earliestTicks = long.MaxValue;
            for (var p = 0; p < candlesOf.Length; p++)
            {
                if (next[p] >= candlesOf[p].Length) continue;
                var ticks = candlesOf[p][next[p]].Start.UtcTicks;
                if (ticks < earliestTicks) (earliest, earliestTicks) = (p, ticks);
            }
            if (earliest < 0) return false;
            var t = candlesOf[earliest][next[earliest]].Start;
            cancellationToken.ThrowIfCancellationRequested();
            var now = t + Candle.Length;
            first ??= t;
            last = now;
            for (var p = 0; p < candlesOf.Length; p++)
                active[p] = next[p] < candlesOf[p].Length && candlesOf[p][next[p]].Start.UtcTicks == earliestTicks;

            // 1. Last cycle's orders meet this minute's candles.
            foreach (var order in pending)
            {
                var p = order.Track;
                FillOutcome fill;
                if (!active[p]) fill = FillOutcome.None("no_candle");
                else
                {
                    ref readonly var candle = ref candlesOf[p][next[p]];
                    fill = FillModel.Fill(order.Side, order.Size, order.Price, candle, tracks[p].Info, _settings, sizer, account.Cash);
                }
                if (fill.Filled)
                {
                    fills++;
                    if (order.Side == OrderSide.Buy) account.ApplyBuy(order.ProductId, fill, now, order.Proposal);
                    else account.ApplySell(order.ProductId, fill, now, order.Proposal);
                }
                else unfilled[fill.CancelReason!] = unfilled.GetValueOrDefault(fill.CancelReason!) + 1;
                orders.Add(order.Resolve(fill));
            }
            pending.Clear();

            // 2. This minute's candles into the indicators and the product views.
            for (var p = 0; p < candlesOf.Length; p++)
            {
                if (!active[p]) continue;
                CacheHint.Prefetch(candlesOf[p], next[p] + CacheHint.MinutesAhead); // ≈ 5 % of a warm run
                ref readonly var candle = ref candlesOf[p][next[p]];
                if (candle.Volume > 0m) indicators.Update(tracks[p].ProductId, candle);
                tracks[p].Apply(candle);
                next[p]++;
                candles++;
            }
            for (var p = 0; p < tracks.Length; p++)
                if (tracks[p].Quote is not null) views.Set(p, tracks[p].View(now, _staleness));

            // 3. Mark the account, record equity, drawdown and exposure (positions are only ever in the data's products).
            var nav = account.Cash;
            Array.Clear(themeHeld);
            var positions = account.Positions;
            for (var i = 0; i < positions.Count; i++)
            {
                var position = positions[i];
                var track = views.IndexOf(position.ProductId);
                var value = position.Size * (MarkPrice.Of(views.At(track)) ?? position.AvgCost);
                nav += value;
                themeHeld[themeOf[track]] += value;
            }
            var portfolio = account.Mark(now, nav);
            var highWaterMark = portfolio.HighWaterMark;
            equity.Add(new EquityPoint(now, nav, highWaterMark));
            // The exact drawdown only where it may be a new maximum: in binary floating point it is within ~1e-12 percentage
            // points of the decimal one, so one more than 1e-9 below the maximum so far is not above it.
            if (nav < highWaterMark
                && ((double)highWaterMark - (double)nav) / (double)highWaterMark * 100d >= maxDrawdownApprox - DrawdownSlackPct)
            {
                var drawdown = EquityPoint.DrawdownOf(nav, highWaterMark);
                if (drawdown > maxDrawdown) (maxDrawdown, maxDrawdownApprox) = (drawdown, (double)drawdown);
            }
            for (var i = 0; i < themes.Count; i++)
            {
                var held = themeHeld[i];
                // A statistic for the report and its chart, so binary floating point: no decision reads it.
                var pct = nav > 0m && held != 0m ? (double)held / (double)nav * 100d : 0d;
                themeSeries[i].Add((float)pct);
                if (pct > themeMax[i]) themeMax[i] = pct;
            }

            // 4. One decision cycle over every product.
            cycles++;
            // A snapshot lives only for its own Decide call here: it reads the book's current readings and this minute's
            // views in place, uncopied.
            var snapshot = new DecisionSnapshot(now, cycles, views, indicators.Current, portfolio, [],
                account.Cooldowns, account.RecentTrades, SafetyState.Clear, indicators.Regime);
            var decision = Decisions.Decide(snapshot);

            foreach (var rejection in decision.Rejections)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(rejectedCounts, rejection.ReasonCode, out _)++;
                if (rejection.Proposal is not null) proposals++;
            }
            TrackHalts(decision, now, halts, openHalts);

            // 5. Approved orders wait for the next minute's candle, exits first.
            var approvals = decision.Exits.Count + decision.Entries.Count;
            for (var i = 0; i < approvals; i++)
            {
                var approved = i < decision.Exits.Count ? decision.Exits[i] : decision.Entries[i - decision.Exits.Count];
                proposals++;
                var order = approved.Order;
                if (clock.Now < now) clock.AdvanceTo(now);
                var id = ids.Next(order.ProductId);
                usedIds.Add(id);
                account.Placed(order.ProductId, order.Side, now);
                pending.Add(new Pending(views.IndexOf(order.ProductId), order.ProductId, order.Side,
                    order.BaseSize, order.Price, now, id, approved.Proposal, _settings.OrderType));
            }

            if (progress is not null && cycles % ProgressEvery == 0) progress(candles);
            return true;
        }

        foreach (var order in pending)
        {
            unfilled["end_of_data"] = unfilled.GetValueOrDefault("end_of_data") + 1;
            orders.Add(order.Resolve(FillOutcome.None("end_of_data")));
        }
        progress?.Invoke(candles);

        var finalNav = equity.Count > 0 ? equity[^1].Nav : _settings.InitialCapitalUsd;
        var net = finalNav - _settings.InitialCapitalUsd;
        var exposure = new SortedDictionary<string, ThemeExposure>(StringComparer.Ordinal);
        for (var i = 0; i < themes.Count; i++)
            exposure[themes[i]] = new ThemeExposure(Round(themeMax[i]), Round(themeSeries[i].Count > 0 ? themeSeries[i][^1] : 0d));
        var closes = tracks.ToDictionary(t => t.ProductId, t => t.LastClose, StringComparer.Ordinal);

        return new BacktestResult
        {
            Products = series.Select(s => s.ProductId).ToList(),
            Start = first ?? default,
            End = last,
            Candles = candles,
            Cycles = cycles,
            Proposals = proposals,
            Fills = fills,
            RejectedByReason = new SortedDictionary<string, long>(rejectedCounts, StringComparer.Ordinal),
            UnfilledByReason = unfilled,
            Orders = orders,
            Trades = account.Trades(id => closes.GetValueOrDefault(id)),
            Halts = halts,
            InitialCapital = _settings.InitialCapitalUsd,
            FinalEquity = finalNav,
            GrossPnl = net + account.Fees,
            Fees = account.Fees,
            NetPnl = net,
            RealizedPnl = account.RealizedGross - account.Fees,
            MaxDrawdownPct = maxDrawdown,
            ExposureByTheme = exposure,
            Equity = equity,
            ThemeExposureSeries = themes.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => themeSeries[x.i].ToArray(), StringComparer.Ordinal),
        };
    }

    /// <summary>The themes of the products in the data (universe.yaml clusters), plus UNASSIGNED for products in none.</summary>
    private List<string> ThemesOf(IReadOnlyList<BacktestSeries> series)
    {
        var themes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var s in series) themes.Add(ThemeOf(s.ProductId));
        return themes.ToList();
    }

    private string ThemeOf(string productId) => Decisions.Map.ThemeOf(productId) ?? Unassigned;

    private static void TrackHalts(Decision decision, DateTimeOffset now, List<BacktestHalt> halts, Dictionary<string, int> open)
    {
        if (decision.ActiveHalts.Count == 0 && open.Count == 0) return;
        foreach (var gate in decision.ActiveHalts)
        {
            if (open.ContainsKey(gate)) continue;
            open[gate] = halts.Count;
            halts.Add(new BacktestHalt(now, gate, null));
        }
        foreach (var (gate, index) in open.ToList())
        {
            if (decision.ActiveHalts.Contains(gate)) continue;
            halts[index] = halts[index] with { ClearedTs = now };
            open.Remove(gate);
        }
    }

    private static double Round(double value) => Math.Round(value, 6, MidpointRounding.ToEven);

    private sealed record Pending(
        int Track, string ProductId, OrderSide Side, decimal Size, decimal Price, DateTimeOffset PlacedAt,
        string ClientOrderId, TradeProposal Proposal, string Type)
    {
        public BacktestOrder Resolve(in FillOutcome fill) => new(
            PlacedAt, ProductId, Side == OrderSide.Buy ? "buy" : "sell", ClientOrderId, Type, Price, Size,
            !fill.Filled ? "cancelled" : fill.Size < Size ? "partially_filled" : "filled",
            fill.Size, fill.Price, fill.Fee, fill.CancelReason);
    }
}
