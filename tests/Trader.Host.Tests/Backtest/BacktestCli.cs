using Trader.Host.Cli;
using Trader.Host.Composition;
using Trader.Pipeline.Clock;
using Trader.Testing;

namespace Trader.Host.Tests.Backtest;

/// <summary>Runs <c>trader backtest …</c> in-process on a virtual clock (so the measured speed is 0 and reports are byte-stable).</summary>
internal static class BacktestCli
{
    public static async Task<(int Exit, string Out, string Err)> Run(string configDir, string dataDir, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(new ProcessClock(TraderClock.Virtual(VirtualTime.Create())), output, error, _ => null);
        var exit = await TraderCli.RunAsync(["--config", configDir, "--data-dir", dataDir, "backtest", .. args], context);
        return (exit, output.ToString(), error.ToString());
    }
}
