using System.Text.Json;
using Trader.Host.Cli;
using Trader.Host.Composition;
using Trader.Pipeline.Clock;
using Trader.Testing;

namespace Trader.Host.Tests.Commands;

/// <summary>`trader kill`, `status` and `resume` in-process on a temp data directory.</summary>
public sealed class KillStatusResumeCommandTests : IDisposable
{
    private readonly TempDir _dir = new("trader-status-");
    private readonly VirtualClock _clock = VirtualTime.Create();

    private async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(new ProcessClock(TraderClock.Virtual(_clock)), output, error, _ => null);
        var exit = await TraderCli.RunAsync([.. args, "--config", RepoPaths.Config, "--data-dir", _dir.File("var")], context);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    [Trait("Req", "REQ-K1")]
    public async Task Kill_persists_the_halt_reason_status_shows_it_and_resume_clears_it_with_user_and_time()
    {
        var (exit, output, _) = await Run("kill", "--reason", "exchange incident");
        Assert.Equal(0, exit);
        Assert.Contains("kill switch ACTIVE since 2025-01-06T12:00:00.000Z: exchange incident", output);
        Assert.True(File.Exists(_dir.File("var/KILL_SWITCH")));

        var (statusExit, json, _) = await Run("status", "--json");
        Assert.Equal(0, statusExit);
        var status = JsonDocument.Parse(json).RootElement;
        Assert.True(status.GetProperty("kill_switch").GetBoolean());
        var halt = Assert.Single(status.GetProperty("halts").EnumerateArray().ToList());
        Assert.Equal("kill_switch", halt.GetProperty("gate").GetString());
        Assert.Equal("exchange incident", halt.GetProperty("reason").GetString());
        Assert.Equal("2025-01-06T12:00:00.000Z", halt.GetProperty("since").GetString());
        Assert.Equal("DRY_RUN", status.GetProperty("mode").GetString());

        _clock.AdvanceBy(TimeSpan.FromMinutes(30));
        var (resumeExit, resumed, _) = await Run("resume", "--reason", "incident over");
        Assert.Equal(0, resumeExit);
        Assert.Contains("kill switch released at 2025-01-06T12:30:00.000Z by " + Environment.UserName + ": incident over", resumed);
        Assert.False(File.Exists(_dir.File("var/KILL_SWITCH")));

        var (_, after, _) = await Run("status", "--json");
        Assert.False(JsonDocument.Parse(after).RootElement.GetProperty("kill_switch").GetBoolean());

        var (_, again, _) = await Run("resume", "--reason", "twice");
        Assert.Contains("was not active", again);
    }

    [Fact]
    public async Task Kill_and_resume_need_a_reason()
    {
        Assert.Equal(2, (await Run("kill")).Exit);
        Assert.Equal(2, (await Run("kill", "--reason", "  ")).Exit);
        Assert.Equal(2, (await Run("resume")).Exit);
    }

    [Fact]
    public async Task Status_of_a_fresh_data_dir_says_nothing_is_running_or_halted()
    {
        var (exit, output, _) = await Run("status");
        Assert.Equal(0, exit);
        Assert.Contains("service         not running", output);
        Assert.Contains("kill switch     off", output);
        Assert.False(File.Exists(_dir.File("var/state.db")), "status never creates a state DB");
    }

    public void Dispose() => _dir.Dispose();
}
