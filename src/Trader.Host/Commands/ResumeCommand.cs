using System.CommandLine;
using Trader.Host.Cli;
using Trader.Host.Safety;
using Trader.State.Storage;

namespace Trader.Host.Commands;

/// <summary>
/// <c>trader resume --reason TEXT</c>: releases the kill switch and a latched drawdown halt (clears the halts, recorded with the operator and the
/// time, and removes the kill file). Works beside a running service (no lock).
/// </summary>
public static class ResumeCommand
{
    public static Command Create(CliContext context)
    {
        var reason = OperatorRequest.ReasonOption("Why trading may resume (recorded)");
        var command = new Command("resume", "Release the kill switch (recorded with user and time; no lock)");
        command.Options.Add(reason);
        command.SetAction(parsed =>
        {
            if (!OperatorRequest.TryRead(context, parsed, reason, out var args, out var config, out var text, out var exit)) return exit;

            var now = context.Clock.Real.Now;
            var user = Environment.UserName;
            var removedFile = new KillFile(Path.Combine(args.DataDir, config.Policy.Governance.KillSwitchFile)).Delete();
            var cleared = false;
            var statePath = Path.Combine(args.DataDir, config.App.State.Path);
            if (File.Exists(statePath))
            {
                using var store = StateStore.Open(statePath);
                cleared = OperatorRelease.Resume(store.Halts, now, user, text).Count > 0;
            }
            if (!cleared && !removedFile)
            {
                context.Out.WriteLine("the kill switch was not active; nothing to resume");
                return ExitCodes.Ok;
            }
            context.Out.WriteLine($"kill switch released at {now:yyyy-MM-dd'T'HH:mm:ss.fff'Z'} by {user}: {text}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
