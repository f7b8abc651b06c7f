using System.Diagnostics;
using System.Globalization;
using Trader.Host.Cli;
using Trader.Host.Locking;
using Trader.Testing;

namespace Trader.Host.Tests.Locking;

/// <summary>
/// REQ-SI1 with real processes: the test-only probe (tests/Trader.LockProbe) takes the real <see cref="InstanceLock"/>
/// and holds it until its stdin closes. The lead can later point <see cref="Probe"/> at `trader run`.
/// </summary>
public sealed class InstanceLockProcessTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    [Trait("Req", "REQ-SI1")]
    public async Task Two_instances_started_together_one_proceeds_the_other_exits_3_naming_it_20_rounds()
    {
        using var dir = new TempDir();
        var data = Path.Combine(dir.Path, "var");

        for (var round = 0; round < 20; round++)
        {
            using var a = Probe.Start(data);
            using var b = Probe.Start(data);
            var outcomes = await Task.WhenAll(a.FirstLineOrExitAsync(), b.FirstLineOrExitAsync());

            var winners = new[] { a, b }.Where((_, i) => outcomes[i] is not null).ToArray();
            var winner = Assert.Single(winners);
            var loser = winner == a ? b : a;
            Assert.Equal($"acquired {winner.Pid}", outcomes[winner == a ? 0 : 1]);
            Assert.Equal(ExitCodes.AnotherInstance, loser.ExitCode);
            var refusal = await loser.StandardErrorAsync();
            Assert.Contains($"another instance holds {data}: pid {winner.Pid} on host {Environment.MachineName} since ", refusal);

            Assert.Equal(ExitCodes.Ok, await winner.ReleaseAsync());
        }
    }

    [Fact]
    [Trait("Req", "REQ-SI1")]
    public async Task A_killed_holders_lock_is_released_by_the_os_and_the_next_start_proceeds()
    {
        using var dir = new TempDir();
        var data = Path.Combine(dir.Path, "var");

        using var crashed = Probe.Start(data);
        Assert.Equal($"acquired {crashed.Pid}", await crashed.FirstLineOrExitAsync());
        crashed.Kill(); // SIGKILL: no cleanup runs, the stale owner record stays behind

        using var next = Probe.Start(data);
        Assert.Equal($"acquired {next.Pid}", await next.FirstLineOrExitAsync());
        Assert.Equal(next.Pid, InstanceLock.ReadOwner(data)!.Pid);

        using var third = Probe.Start(data);
        Assert.Null(await third.FirstLineOrExitAsync());
        Assert.Equal(ExitCodes.AnotherInstance, third.ExitCode);
        Assert.Contains($"pid {next.Pid} on host", await third.StandardErrorAsync());

        Assert.Equal(ExitCodes.Ok, await next.ReleaseAsync());
    }

    private sealed class Probe : IDisposable
    {
        private readonly Process _process;
        private readonly Task<string> _stderr;

        private Probe(Process process)
        {
            _process = process;
            _stderr = process.StandardError.ReadToEndAsync();
        }

        public int Pid => _process.Id;
        public int ExitCode => _process.ExitCode;

        public static Probe Start(string dataDir)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Trader.LockProbe.dll"));
            start.ArgumentList.Add(dataDir);
            return new Probe(Process.Start(start)!);
        }

        /// <summary>"acquired PID" once the lock is held, or null after the process exited without taking it.</summary>
        public async Task<string?> FirstLineOrExitAsync()
        {
            var line = await _process.StandardOutput.ReadLineAsync().WaitAsync(Bound);
            if (line is null) await _process.WaitForExitAsync().WaitAsync(Bound);
            return line;
        }

        public Task<string> StandardErrorAsync() => _stderr.WaitAsync(Bound);

        public async Task<int> ReleaseAsync()
        {
            _process.StandardInput.Close();
            await _process.WaitForExitAsync().WaitAsync(Bound);
            return _process.ExitCode;
        }

        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(Bound);
        }

        public void Dispose()
        {
            try
            {
                if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException) { }
            _process.Dispose();
        }

        public override string ToString() => Pid.ToString(CultureInfo.InvariantCulture);
    }
}
