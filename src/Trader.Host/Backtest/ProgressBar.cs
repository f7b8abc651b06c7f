using System.Globalization;

namespace Trader.Host.Backtest;

/// <summary>
/// A one-line progress bar with ETA for a terminal (<c>\r</c>-redrawn at most every 200 ms of real time, measured
/// on the injected real <see cref="TimeProvider"/>). The command only creates one when stderr is a terminal.
/// </summary>
public sealed class ProgressBar
{
    private const int Cells = 30;
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(200);

    private readonly TextWriter _output;
    private readonly long _total;
    private readonly TimeProvider _time;
    private readonly long _started;
    private long _lastDrawn;
    private bool _drawn;

    public ProgressBar(TextWriter output, long total, TimeProvider time)
    {
        _output = output;
        _total = Math.Max(1, total);
        _time = time;
        _started = time.GetTimestamp();
        _lastDrawn = _started;
    }

    public void Report(long done)
    {
        var nowTs = _time.GetTimestamp();
        if (_time.GetElapsedTime(_lastDrawn, nowTs) < Every && done < _total) return;
        _lastDrawn = nowTs;
        _drawn = true;
        _output.Write(Line(done, _total, _time.GetElapsedTime(_started, nowTs)));
    }

    /// <summary>Clears the bar so the summary starts on a clean line.</summary>
    public void Finish()
    {
        if (_drawn) _output.Write("\r" + new string(' ', 78) + "\r");
    }

    /// <summary>The bar for <paramref name="done"/> of <paramref name="total"/> after <paramref name="elapsed"/>.</summary>
    public static string Line(long done, long total, TimeSpan elapsed)
    {
        var fraction = Math.Clamp((double)done / Math.Max(1, total), 0d, 1d);
        var filled = (int)(fraction * Cells);
        var eta = fraction > 0d ? TimeSpan.FromSeconds(elapsed.TotalSeconds * (1d - fraction) / fraction) : TimeSpan.Zero;
        return string.Create(CultureInfo.InvariantCulture,
            $"\r[{new string('#', filled)}{new string('-', Cells - filled)}] {fraction * 100d,5:0.0}% {done:N0}/{total:N0} candles  ETA {eta:mm\\:ss}  ");
    }
}
