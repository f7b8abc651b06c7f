using System.CommandLine;
using Trader.Host.Cli;
using Trader.Host.Configuration;
using Trader.Host.Modes;

namespace Trader.Host.Commands;

/// <summary>
/// <c>trader validate-config</c> (REQ-C1): loads the four files from <c>--config</c>, prints every warning and
/// error to stderr one per line, and a one-line summary to stdout when the set is valid. Exit 0 valid, 2 invalid.
/// Takes no lock and reads no secret.
/// </summary>
public static class ValidateConfigCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("validate-config", "Validate app.yaml, policy.yaml, universe.yaml and signals.yaml and list every problem");
        command.SetAction(parse => Run(context.Globals.Read(parse).ConfigDir, context));
        return command;
    }

    public static int Run(string configDir, CliContext context)
    {
        var result = ConfigLoader.Load(configDir);
        result.WriteProblems(context.Error);
        if (result.Config is not { } config)
        {
            context.Error.WriteLine($"config invalid: {result.Errors.Count()} error(s), {result.Warnings.Count()} warning(s) in {configDir}");
            return ExitCodes.BadInput;
        }
        var symbols = config.Universe.Tiers.Values.Sum(t => t.Symbols.Count);
        context.Out.WriteLine(
            $"config OK: {configDir} (mode {ModeNames.ToConfig(config.App.App.Mode)}, read_only {(config.App.Exchange.ReadOnly ? "true" : "false")}, "
            + $"{config.Universe.Tiers.Count} tiers, {symbols} symbols, {result.Warnings.Count()} warning(s))");
        return ExitCodes.Ok;
    }
}
