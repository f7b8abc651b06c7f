using System.CommandLine;
using Trader.Host.Cli;
using Trader.Host.Safety;
using Trader.State.Storage;

namespace Trader.Host.Commands;

/// <summary>
/// <c>trader kill --reason TEXT</c> (REQ-K1): works beside a running service on the same data directory (no lock).
/// Writes the kill file and a persisted <c>kill_switch</c> halt; a running service detects it within 3 s, stops
/// proposals, cancels every working order and alerts. A service started later stays halted until `trader resume`.
/// </summary>
public static class KillCommand
{
    public static Command Create(CliContext context)
    {
        var reason = OperatorRequest.ReasonOption("Why trading is being stopped (recorded)");
        var command = new Command("kill", "Activate the kill switch: stop proposals, cancel every working order (no lock)");
        command.Options.Add(reason);
        command.SetAction(parsed =>
        {
            if (!OperatorRequest.TryRead(context, parsed, reason, out var args, out var config, out var text, out var exit)) return exit;

            var now = context.Clock.Real.Now;
            Directory.CreateDirectory(args.DataDir);
            new KillFile(Path.Combine(args.DataDir, config.Policy.Governance.KillSwitchFile)).Write(text, Environment.UserName, now);
            using (var store = StateStore.Open(Path.Combine(args.DataDir, config.App.State.Path)))
            {
                if (store.Halts.FindActive(HaltRowProbe.Gate, HaltRowProbe.Scope) is null)
                    store.Halts.Activate(HaltRowProbe.Gate, HaltRowProbe.Scope, text, now);
            }
            context.Out.WriteLine($"kill switch ACTIVE since {now:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}: {text}");
            context.Out.WriteLine("a running service stops proposals and cancels every working order; `trader resume --reason TEXT` releases it");
            return ExitCodes.Ok;
        });
        return command;
    }
}
