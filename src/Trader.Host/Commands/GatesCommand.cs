using System.CommandLine;
using Trader.Domain.Trading;
using Trader.Host.Cli;
using Trader.Host.Configuration;
using Trader.Host.Gates;
using Trader.Host.Modes;
using Trader.Host.Secrets;

namespace Trader.Host.Commands;

/// <summary>
/// <c>trader gates [--json]</c>: the go-live checklist of spec §6 from the config, the secrets in the environment,
/// a clock check made now and the evidence recorded in the state DB (docs/GO-LIVE.md). One line per gate, met or
/// not, with the reason and what to do. Exit 0 when every gate is met, 4 otherwise (CONTRACTS.md §1). Takes no lock
/// and never creates the state DB.
/// </summary>
public static class GatesCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print the gates as one JSON object" };
        var command = new Command("gates", "The go-live checklist from recorded evidence: exit 0 when every gate is met, 4 otherwise (no lock)");
        command.Options.Add(json);
        command.SetAction(async (parsed, cancel) =>
        {
            var args = context.Globals.Read(parsed);
            var time = context.Clock.Real.Time;
            var loaded = ConfigLoader.Load(args.ConfigDir);
            loaded.WriteProblems(context.Error);

            GateReport report;
            if (loaded.Config is not { } config)
            {
                var errors = loaded.Errors.Count();
                var configLine = new GateLine("config_valid", false, $"{errors} error(s) in {args.ConfigDir} (listed on stderr)", "fix them; `trader validate-config` lists every one");
                var none = new GateEvidence(time.GetUtcNow(), [], [], null, context.Environment);
                report = GateReport.Evaluate(none.Now, [configLine], GoLiveGates.All(none), null, "not evaluated: the config does not load");
            }
            else
            {
                var warnings = loaded.Warnings.Count();
                var configLine = new GateLine("config_valid", true, $"{args.ConfigDir} is valid" + (warnings > 0 ? $" ({warnings} warning(s) on stderr)" : ""), null);
                var secrets = SecretsStatus.Load(config.App.Secrets, context.Environment, time);
                var evidence = await GoLiveGates.GatherAsync(Path.Combine(args.DataDir, config.App.State.Path), createStore: false, config, time,
                    context.Environment, checkClock: true, cancel);
                report = GateReport.Evaluate(evidence.Now, [configLine], GoLiveGates.All(evidence), new LiveRequest(TradingMode.Live, config, secrets), "");
            }

            if (parsed.GetValue(json))
                context.Out.WriteLine(report.ToJson());
            else
                report.WriteText(context.Out);
            return report.AllMet ? ExitCodes.Ok : ExitCodes.RefusedForSafety;
        });
        return command;
    }
}
