using System.Diagnostics;
using System.Text;

namespace Trader.Testing;

/// <summary>
/// The real `trader` binary (trader.dll beside the test assembly) as a child process, with its output captured.
/// Waits are bounded in real time: these are end-to-end tests of process behaviour (signals, locks, exit codes).
/// </summary>
public sealed class TraderProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private TraderProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static string TraderDll => Path.Combine(AppContext.BaseDirectory, "trader.dll");

    public int Id => _process.Id;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static TraderProcess Start(IEnumerable<string> args, IDictionary<string, string?>? environment = null)
    {
        // A test run started in the background (`./test.sh &`, some CI runners) inherits SIGINT and SIGQUIT as ignored,
        // and a process that starts with SIGINT ignored never sees Ctrl+C (.NET keeps an inherited SIG_IGN): reset
        // them so the signal tests exercise the service as an operator's terminal would.
        var info = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--default-signal=INT,QUIT");
        info.ArgumentList.Add("dotnet");
        info.ArgumentList.Add(TraderDll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var name in new[] { "COINBASE_API_KEY_NAME", "COINBASE_API_PRIVATE_KEY", "COINBASE_API_PRIVATE_KEY_FILE", "ALERT_WEBHOOK_URL", "ESCALATION_WEBHOOK_URL" })
            info.Environment.Remove(name);
        if (environment is not null)
            foreach (var (name, value) in environment) info.Environment[name] = value;
        return new TraderProcess(Process.Start(info) ?? throw new InvalidOperationException("env dotnet did not start"));
    }

    /// <summary>Waits (real time, bounded) until the output contains <paramref name="text"/>.</summary>
    public bool WaitForOutput(string text, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (Output.Contains(text, StringComparison.Ordinal)) return true;
            if (_process.HasExited) return Output.Contains(text, StringComparison.Ordinal);
            Thread.Sleep(50); // realtime-ok: polling a real child process
        }
        return false;
    }

    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) return false;
        _process.WaitForExit(); // flush redirected output
        return true;
    }

    public void Signal(int signal) => Process.Start("kill", [$"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }
}
