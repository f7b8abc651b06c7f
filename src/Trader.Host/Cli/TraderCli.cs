using System.CommandLine;
using Trader.Host.Commands;

namespace Trader.Host.Cli;

/// <summary>Builds the `trader` command tree and maps parse errors to exit code 2 (CONTRACTS.md §1).</summary>
public static class TraderCli
{
    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand("Trader.Streams — rules-first Coinbase spot trading with proven safety gates");
        context.Globals.AddTo(root);
        foreach (var command in AllCommands(context))
            root.Subcommands.Add(command);
        return root;
    }

    private static IEnumerable<Command> AllCommands(CliContext context)
    {
        yield return RunCommand.Create(context);
        yield return ValidateConfigCommand.Create(context);
        yield return RecordCommand.Create(context);
        yield return CaptureImportCommand.Create(context);
        yield return SimCommand.Create(context);
        yield return PurgeCommand.Create(context);
        yield return StatusCommand.Create(context);
        yield return KillCommand.Create(context);
        yield return ResumeCommand.Create(context);
        yield return DrillCommand.Create(context);
        yield return ReplayCommand.Create(context);
        yield return BacktestCommand.Create(context);
        yield return GatesCommand.Create(context);
    }

    public static async Task<int> RunAsync(string[] args, CliContext context)
    {
        var root = Build(context);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
                context.Error.WriteLine($"usage: {error.Message}");
            return ExitCodes.BadInput;
        }
        // Signals are handled by the commands that run long (graceful shutdown, NFR-R1), not by a forced exit.
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = context.Out, Error = context.Error, ProcessTerminationTimeout = null });
    }
}
