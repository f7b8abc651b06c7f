using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using Trader.Domain.Market;

namespace Trader.Pipeline.Candles;

/// <summary>
/// Builds one-minute candles from trades on minute boundaries of the one clock (CONTRACTS.md §4). A trade
/// belongs to the minute of the clock when it arrives (its receive time), so a bar closed at a boundary never
/// changes afterwards; a timer at the boundary closes every open bar, so a bar closes on time even when no
/// further trade comes. A minute without trades makes no candle. Thread-safe (trades on the feed thread,
/// the boundary timer on the scheduler).
/// </summary>
public sealed class MinuteCandleBuilder : IDisposable
{
    private static readonly long MinuteTicks = TimeSpan.TicksPerMinute;

    private readonly IScheduler _scheduler;
    private readonly Action<ProductCandle> _emit;
    private readonly object _gate = new();
    private readonly Dictionary<string, Bar> _bars = new(StringComparer.Ordinal);
    private readonly List<Bar> _order = [];
    private readonly SerialDisposable _timer = new();
    private long _timerDueTicks = long.MinValue;
    private bool _disposed;

    public MinuteCandleBuilder(IScheduler scheduler, Action<ProductCandle> emit)
    {
        _scheduler = scheduler;
        _emit = emit;
    }

    public void OnTrade(TradeEvent trade)
    {
        lock (_gate)
        {
            if (_disposed || trade.Size <= 0m || trade.Price <= 0m) return;
            var now = _scheduler.Now.UtcTicks;
            var minuteStart = now - now % MinuteTicks;
            if (!_bars.TryGetValue(trade.ProductId, out var bar))
            {
                bar = new Bar(trade.ProductId);
                _bars.Add(trade.ProductId, bar);
                _order.Add(bar);
            }
            if (bar.Open && bar.StartTicks < minuteStart) Close(bar);
            bar.Add(minuteStart, trade.Price, trade.Size);
            var boundary = minuteStart + MinuteTicks;
            if (_timerDueTicks != boundary) Arm(boundary);
        }
    }

    private void OnBoundary()
    {
        lock (_gate)
        {
            if (_disposed) return;
            var now = _scheduler.Now.UtcTicks;
            _timerDueTicks = long.MinValue;
            var nextDue = long.MaxValue;
            foreach (var bar in _order)
            {
                if (!bar.Open) continue;
                var due = bar.StartTicks + MinuteTicks;
                if (due <= now) Close(bar);
                else nextDue = Math.Min(nextDue, due);
            }
            // A real-time timer may fire a hair early: a bar it could not close yet gets its own timer.
            if (nextDue != long.MaxValue) Arm(nextDue);
        }
    }

    private void Arm(long dueTicks)
    {
        _timerDueTicks = dueTicks;
        _timer.Disposable = _scheduler.Schedule(new DateTimeOffset(dueTicks, TimeSpan.Zero), OnBoundary);
    }

    private void Close(Bar bar)
    {
        bar.Open = false;
        _emit(new ProductCandle(bar.ProductId, new Candle(
            new DateTimeOffset(bar.StartTicks, TimeSpan.Zero), bar.O, bar.H, bar.L, bar.C, bar.V)));
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer.Dispose();
        }
    }

    private sealed class Bar(string productId)
    {
        public string ProductId { get; } = productId;
        public bool Open;
        public long StartTicks;
        public decimal O, H, L, C, V;

        public void Add(long minuteStart, decimal price, decimal size)
        {
            if (!Open)
            {
                Open = true;
                StartTicks = minuteStart;
                O = H = L = C = price;
                V = size;
                return;
            }
            if (price > H) H = price;
            if (price < L) L = price;
            C = price;
            V += size;
        }
    }
}
