using Trader.Host.Cli;
using Trader.Host.Composition;
using Trader.Host.Configuration;
using Trader.Pipeline.Clock;
using Trader.Testing;

namespace Trader.Host.Tests.Configuration;

[Trait("Req", "REQ-C1")]
public sealed class ValidateConfigCommandTests
{
    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(new ProcessClock(TraderClock.Virtual(VirtualTime.Create())), output, error, _ => null);
        var exit = await TraderCli.RunAsync(args, context);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Shipped_config_validates_with_exit_0_and_a_one_line_summary()
    {
        var (exit, stdout, stderr) = await RunAsync("validate-config", "--config", RepoPaths.Config);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal("", stderr);
        var line = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("config OK: ", line);
        Assert.Contains("mode DRY_RUN, read_only true", line);
    }

    [Fact]
    public async Task Invalid_config_exits_2_with_every_problem_on_stderr_one_per_line()
    {
        using var set = ConfigSet.With(
            app: "loop: {interval_seconds: 0}\n",
            policy: "risk: {max_total_at_risk_pct: 15, max_position_size_pct: 20}\n",
            universe: "tiers: {}\n");

        var (exit, stdout, stderr) = await RunAsync("validate-config", "--config", set.Path);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Equal("", stdout);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains(lines, l => l.StartsWith("app.yaml: loop.interval_seconds: must be > 0, got '0'", StringComparison.Ordinal));
        Assert.Contains("policy.yaml: risk.max_position_size_pct: must be ≤ risk.max_total_at_risk_pct (15), got 20", lines);
        Assert.Contains("universe.yaml: tiers: at least one tier is required", lines);
        Assert.StartsWith("config invalid: 3 error(s), 0 warning(s)", lines[^1]);
        Assert.Equal(4, lines.Count);
    }

    [Fact]
    public async Task Warnings_go_to_stderr_and_do_not_fail()
    {
        using var set = ConfigSet.With(app: "ai: {enabled: false}\n");

        var (exit, stdout, stderr) = await RunAsync("validate-config", "--config", set.Path);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal("app.yaml: ai.enabled: warning: not supported, ignored (line 1)", stderr.Trim());
        Assert.Contains("1 warning(s)", stdout);
    }

    [Fact]
    public async Task A_config_directory_that_does_not_exist_exits_2()
    {
        var (exit, _, stderr) = await RunAsync("validate-config", "--config", Path.Combine(Path.GetTempPath(), "missing-" + Guid.NewGuid().ToString("N")));

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("config directory not found", stderr);
    }

    [Fact]
    public async Task A_syntax_error_is_reported_with_line_and_column()
    {
        using var set = ConfigSet.With(policy: "risk:\n  max_drawdown_pct: [10\n");

        var (exit, _, stderr) = await RunAsync("validate-config", "--config", set.Path);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Matches(@"^policy\.yaml: line \d+, column \d+: invalid YAML: ", stderr);
        Assert.Equal(ConfigFiles.Policy, set.Load().Errors.Single().File);
    }
}
