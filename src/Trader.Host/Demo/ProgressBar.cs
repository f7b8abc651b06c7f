using System.Globalization;

namespace Trader.Host.Demo;

/// <summary>
/// A one-line progress bar on a terminal (<c>[#####.....]  42 %</c>, redrawn in place), silent when the stream is
/// not a terminal (CI, systemd, a pipe): <see cref="ForConsoleError"/> decides. Redraws only when the percentage moves.
/// </summary>
public sealed class ProgressBar
{
    private const int Width = 40;
    private readonly TextWriter? _output;
    private readonly string _label;
    private int _shown = -1;

    private ProgressBar(TextWriter? output, string label)
    {
        _output = output;
        _label = label;
    }

    public bool Visible => _output is not null;

    /// <summary>A bar on <paramref name="error"/> when it is the process's stderr and that is a terminal; otherwise silent.</summary>
    public static ProgressBar ForConsoleError(TextWriter error, string label) =>
        new(ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected ? error : null, label);

    public void Report(long done, long total)
    {
        if (_output is null || total <= 0) return;
        var percent = (int)Math.Clamp(done * 100 / total, 0, 100);
        if (percent == _shown) return;
        _shown = percent;
        var filled = percent * Width / 100;
        _output.Write(string.Create(CultureInfo.InvariantCulture,
            $"\r{_label} [{new string('#', filled)}{new string('.', Width - filled)}] {percent,3} %"));
        _output.Flush();
    }

    /// <summary>Ends the bar's line so the next output starts on a fresh one.</summary>
    public void Done()
    {
        if (_output is null || _shown < 0) return;
        _output.WriteLine();
        _output.Flush();
    }
}
