namespace Trader.Host.Import;

/// <summary>
/// Turns the bars of one product into a live-like feed (CONTRACTS.md §4). Within each bar of length L:
/// <list type="bullet">
/// <item>the price follows open → the extreme nearer the open → the other extreme → close (ties: high first),
/// reaching them at 0, ⌊L/3⌋, ⌊2L/3⌋ (rounded down to the 4 s trade grid) and L − 4 s, linearly in between and
/// rounded to the product's price decimals; after L − 4 s it stays at the close;</item>
/// <item>a <c>ticker</c> frame every 2 s (offsets 0, 2, …, L − 2 s);</item>
/// <item>a <c>market_trades</c> frame every 4 s (offsets 0, 4, …, L − 4 s) with one trade carrying the bar's
/// volume split evenly (8 decimals, the remainder on the last trade) — so one-minute candles rebuilt from the
/// trades of a trade bar reproduce its open, high, low, close and volume exactly; no trades when the volume is 0.</item>
/// </list>
/// Quotes: LEAN quote bars use their real bid and ask, each along its own path (ask forced one price unit above
/// the bid if they would cross); trade bars and candles get a synthesized spread of <c>spreadBps</c> around the
/// price (bid rounded down, ask rounded up to the price decimals). Gaps of at most 15 minutes between bars are
/// filled with flat tickers at the last quote (the book does not vanish when nobody trades); longer gaps are left
/// empty. 24 h figures come from the bars of the trailing 24 h; until 24 h of bars exist, the volume is scaled
/// up to 24 h from what is covered (at least 1 h), so liquidity filters see a daily rate without looking ahead.
/// 52-week low/high are the extremes since the start of the import.
/// </summary>
public sealed class BarFeedSynthesizer
{
    public static readonly TimeSpan TickerInterval = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan TradeInterval = TimeSpan.FromSeconds(4);
    public static readonly TimeSpan MaxFilledGap = TimeSpan.FromMinutes(15);

    private const int SizeDecimals = 8;
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private readonly BarSeries _series;
    private readonly decimal _spreadBps;
    private readonly decimal _unit;

    public BarFeedSynthesizer(BarSeries series, decimal spreadBps)
    {
        if (series.BarLength < TimeSpan.FromSeconds(12) || series.BarLength.Ticks % TradeInterval.Ticks != 0)
            throw new ImportInputException($"{series.ProductId}: bars of {series.BarLength} cannot be synthesized (need a multiple of 4 s, at least 12 s)");
        _series = series;
        _spreadBps = spreadBps;
        _unit = ImportedProduct.From(series.ProductId, series.PriceScale).QuoteIncrement;
    }

    /// <summary>Receive time of the last frame this series produces.</summary>
    public DateTimeOffset LastFrameAt => _series.Bars[^1].Start + _series.BarLength - TickerInterval;

    public DateTimeOffset FirstFrameAt => _series.Bars[0].Start;

    public IEnumerable<CaptureFrame> Frames()
    {
        var bars = _series.Bars;
        var length = _series.BarLength;
        var window = new Queue<SourceBar>();
        var low52 = decimal.MaxValue;
        var high52 = decimal.MinValue;
        long tradeId = 0;
        var firstTicker = true;
        var firstTrades = true;
        TickerFields? last = null;
        var lastEnd = DateTimeOffset.MinValue;

        for (var b = 0; b < bars.Count; b++)
        {
            var bar = bars[b];
            if (last is not null && bar.Start > lastEnd && bar.Start - lastEnd <= MaxFilledGap)
                for (var t = lastEnd; t < bar.Start; t += TickerInterval)
                    yield return new TickerFrame(t.ToUnixTimeMilliseconds(), false, last);

            window.Enqueue(bar);
            while (window.Peek().Start <= bar.Start - Day) window.Dequeue();
            low52 = Math.Min(low52, bar.Low);
            high52 = Math.Max(high52, bar.High);
            var stats = DayStats(window, bars[0].Start, bar.Start + length);

            var anchors = Anchors(length);
            var highFirst = Math.Abs(bar.High - bar.Open) <= Math.Abs(bar.Open - bar.Low);
            var trades = (int)(length.Ticks / TradeInterval.Ticks);
            var (tradeSize, lastSize, single) = Split(bar.Volume, trades);
            var averageSize = Math.Max(single ? bar.Volume : tradeSize, 0.00000001m);

            for (var offset = TimeSpan.Zero; offset < length; offset += TickerInterval)
            {
                var at = bar.Start + offset;
                var seconds = (int)offset.TotalSeconds;
                decimal bid, ask, price;
                if (bar.Bid is { } bidPath && bar.Ask is { } askPath)
                {
                    bid = PathAt(bidPath, anchors, seconds, highFirst);
                    ask = PathAt(askPath, anchors, seconds, highFirst);
                    if (ask <= bid) ask = bid + _unit;
                    price = Math.Round((bid + ask) / 2m, _series.PriceScale, MidpointRounding.ToEven);
                }
                else
                {
                    price = PathAt(new Ohlc(bar.Open, bar.High, bar.Low, bar.Close), anchors, seconds, highFirst);
                    (bid, ask) = Spread(price);
                }

                if (offset.Ticks % TradeInterval.Ticks == 0 && bar.Volume > 0m)
                {
                    var index = (int)(offset.Ticks / TradeInterval.Ticks);
                    var size = single ? (index == 0 ? bar.Volume : 0m) : index == trades - 1 ? lastSize : tradeSize;
                    if (size > 0m)
                    {
                        var makerSells = index % 2 == 0;
                        var tradePrice = bar.Bid is not null ? (makerSells ? ask : bid) : price;
                        var trade = new TradeFields((++tradeId).ToString(System.Globalization.CultureInfo.InvariantCulture),
                            _series.ProductId, tradePrice, size, makerSells ? "SELL" : "BUY", at);
                        yield return new MarketTradesFrame(at.ToUnixTimeMilliseconds(), firstTrades, [trade]);
                        firstTrades = false;
                    }
                }

                var change = stats.Open24h > 0m ? Math.Round((price - stats.Open24h) / stats.Open24h * 100m, 8) : 0m;
                last = new TickerFields(_series.ProductId, price, stats.Volume, Round(stats.Low), Round(stats.High), Round(low52), Round(high52), change,
                    bid, bar.BidSize > 0m ? Math.Round(bar.BidSize, SizeDecimals) : averageSize,
                    ask, bar.AskSize > 0m ? Math.Round(bar.AskSize, SizeDecimals) : averageSize);
                yield return new TickerFrame(at.ToUnixTimeMilliseconds(), firstTicker, last);
                firstTicker = false;
            }
            lastEnd = bar.Start + length;
        }
    }

    /// <summary>Seconds into the bar at which the path reaches open, first extreme, second extreme, close.</summary>
    internal static int[] Anchors(TimeSpan length)
    {
        var seconds = (int)length.TotalSeconds;
        var step = (int)TradeInterval.TotalSeconds;
        return [0, seconds / 3 / step * step, 2 * seconds / 3 / step * step, seconds - step];
    }

    private decimal PathAt(Ohlc bar, int[] anchors, int seconds, bool highFirst)
    {
        Span<decimal> values = [bar.Open, highFirst ? bar.High : bar.Low, highFirst ? bar.Low : bar.High, bar.Close];
        if (seconds >= anchors[3]) return bar.Close;
        var segment = seconds >= anchors[2] ? 2 : seconds >= anchors[1] ? 1 : 0;
        var t0 = anchors[segment];
        var t1 = anchors[segment + 1];
        var value = t1 == t0 ? values[segment + 1]
            : values[segment] + (values[segment + 1] - values[segment]) * (seconds - t0) / (t1 - t0);
        return Math.Round(value, _series.PriceScale, MidpointRounding.ToEven);
    }

    private decimal Round(decimal price) => Math.Round(price, _series.PriceScale, MidpointRounding.ToEven);

    private (decimal Bid, decimal Ask) Spread(decimal price)
    {
        var half = price * _spreadBps / 20_000m;
        var bid = Math.Round(price - half, _series.PriceScale, MidpointRounding.ToZero);
        var ask = Math.Round(price + half, _series.PriceScale, MidpointRounding.ToPositiveInfinity);
        if (ask <= bid) ask = bid + _unit;
        return (bid, ask);
    }

    /// <summary>Even split in 8 decimals, the remainder on the last trade; too small to split → one trade at the open.</summary>
    private static (decimal Each, decimal Last, bool Single) Split(decimal volume, int trades)
    {
        if (volume <= 0m) return (0m, 0m, false);
        var each = Math.Round(volume / trades, SizeDecimals, MidpointRounding.ToZero);
        if (each == 0m) return (0m, 0m, true);
        return (each, volume - each * (trades - 1), false);
    }

    private static (decimal Volume, decimal Low, decimal High, decimal Open24h) DayStats(Queue<SourceBar> window, DateTimeOffset firstStart, DateTimeOffset end)
    {
        var volume = 0m;
        var low = decimal.MaxValue;
        var high = decimal.MinValue;
        var open = 0m;
        var first = true;
        foreach (var bar in window)
        {
            if (first) { open = bar.Open; first = false; }
            volume += bar.Volume;
            if (bar.Low < low) low = bar.Low;
            if (bar.High > high) high = bar.High;
        }
        var covered = end - firstStart;
        if (covered < Day)
        {
            var basis = covered < TimeSpan.FromHours(1) ? TimeSpan.FromHours(1) : covered;
            volume = volume * Day.Ticks / basis.Ticks;
        }
        return (Math.Round(volume, SizeDecimals), low, high, open);
    }
}
