using Trader.Domain.Market;
using Trader.Domain.Memory;
using Trader.Pipeline.Guards;

namespace Trader.Host.Backtest;

/// <summary>
/// What the backtest knows of one product between cycles, in the shape live's MarketState gives the decision:
/// the quote synthesized from its latest candle, its latest traded candle (OHLCV freshness, CONTRACTS.md §4: a
/// minute without volume is no fresh candle) and the rolling 24 h notional (volume × close of the candles that
/// closed in the last 24 h, as MarketState computes it without a ticker).
/// </summary>
internal sealed class ProductTrack
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    // A candle a minute for a day, and the one that closes it.
    private const int CandlesPerDay = 24 * 60 + 1;

    private readonly decimal _halfSpread;
    // The traded candles of the last 24 h, oldest first from _dayFirst: their end (UTC ticks) and notional, in a ring
    // sized for a day of minutes once (doubled only for data with more candles than minutes).
    private (long EndTicks, decimal Notional)[] _day = new (long, decimal)[CandlesPerDay];
    private int _dayFirst, _dayCount;
    private decimal _notional24h;
    // The latest traded candle's close and end (as live, a minute without volume is no fresh candle).
    private decimal? _lastTradedClose;
    private DateTimeOffset? _lastTradedEnd;

    public ProductTrack(string productId, BacktestSettings settings)
    {
        ProductId = productId;
        Info = ProductInfo.DefaultUsd(productId);
        _halfSpread = FillModel.HalfSpread(settings);
    }

    public string ProductId { get; }

    public ProductInfo Info { get; }

    public Quote? Quote { get; private set; }

    public decimal LastClose { get; private set; }

    /// <summary>Folds in the product's candle that closed at <c>candle.End</c>.</summary>
    public void Apply(in Candle candle)
    {
        var (bid, ask) = FillModel.Quote(candle.Close, Info, _halfSpread);
        var end = candle.End;
        Quote = new Quote(bid, ask, candle.Close, end, end);
        LastClose = candle.Close;
        if (candle.Volume <= 0m) return;
        (_lastTradedClose, _lastTradedEnd) = (candle.Close, end);
        var notional = candle.Volume * candle.Close;
        if (_dayCount == _day.Length) GrowDay();
        _day[Wrap(_dayFirst + _dayCount)] = (end.UtcTicks, notional);
        _dayCount++;
        _notional24h += notional;
    }

    private int Wrap(int index) => index >= _day.Length ? index - _day.Length : index;

    private void GrowDay()
    {
        var grown = new (long, decimal)[_day.Length * 2];
        for (var i = 0; i < _dayCount; i++) grown[i] = _day[Wrap(_dayFirst + i)];
        (_day, _dayFirst) = (grown, 0);
    }

    public ProductMarketView View(DateTimeOffset now, StalenessSettings staleness)
    {
        var dayAgo = (now - Day).UtcTicks;
        while (_dayCount > 0 && _day[_dayFirst].EndTicks <= dayAgo)
        {
            _notional24h -= _day[_dayFirst].Notional;
            (_dayFirst, _dayCount) = (Wrap(_dayFirst + 1), _dayCount - 1);
        }
        // The oldest candle of a few minutes from now, a day old, asked into the caches now (CacheHint).
        if (_dayCount > CacheHint.MinutesAhead) CacheHint.Prefetch(_day, Wrap(_dayFirst + CacheHint.MinutesAhead));
        return new ProductMarketView(ProductId, Quote, _lastTradedClose, _notional24h, Info, ProductHealth.Online,
            staleness.IsStale(FreshnessKind.Quote, Quote?.TsRecv, now),
            staleness.IsStale(FreshnessKind.Ohlcv, _lastTradedEnd, now));
    }
}
