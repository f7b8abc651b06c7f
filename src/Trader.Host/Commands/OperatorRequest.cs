using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using Trader.Domain.Config;
using Trader.Host.Cli;
using Trader.Host.Configuration;

namespace Trader.Host.Commands;

/// <summary>What an operator command (`kill`, `resume`) needs before it acts: a non-empty reason and a valid config.</summary>
internal static class OperatorRequest
{
    public static Option<string> ReasonOption(string description) => new("--reason") { Description = description, Required = true };

    /// <summary>False (with the exit code to return, the problem already printed) when the reason or the config is bad.</summary>
    public static bool TryRead(CliContext context, ParseResult parsed, Option<string> reasonOption,
        out CommonArgs args, [NotNullWhen(true)] out TraderConfig? config, out string reason, out int exit)
    {
        args = context.Globals.Read(parsed);
        reason = parsed.GetValue(reasonOption)!.Trim();
        config = null;
        exit = ExitCodes.BadInput;
        if (reason.Length == 0)
        {
            context.Error.WriteLine("usage: --reason: must not be empty");
            return false;
        }
        var loaded = ConfigLoader.Load(args.ConfigDir);
        loaded.WriteProblems(context.Error);
        config = loaded.Config;
        return config is not null;
    }
}
