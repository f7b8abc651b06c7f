using System.CommandLine;
using System.Globalization;
using Trader.Host.Backtest;
using Trader.Host.Cli;
using Trader.Host.Configuration;
using Trader.Host.Reports;

namespace Trader.Host.Commands;

/// <summary>
/// <c>trader backtest --candles [PRODUCT=]FILE… [--volume-unit base|quote] [--seed N] --report OUT.json [--html OUT.html]
/// [--baseline FILE] [--update-baseline]</c> (CONTRACTS.md §1, docs/BACKTEST.md): takes the instance lock (exit 3),
/// loads the config and the candle files (exit 2 listing every problem), runs them through the live decision stages in
/// virtual time (<see cref="BacktestEngine"/>), writes the JSON and HTML reports and prints a summary. With
/// <c>--baseline</c> it compares net PnL, max drawdown, trades and fees with the file (exit 1 when one deviates more than
/// 2 %); with <c>--update-baseline</c> it rewrites the file instead.
/// </summary>
public static class BacktestCommand
{
    public static Command Create(CliContext context)
    {
        var candles = new Option<string[]>("--candles")
        {
            Description = "Candle files, each [PRODUCT=]FILE (product inferred from the name: BTCUSD_… → BTC-USD)",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var volumeUnit = new Option<string>("--volume-unit") { Description = "base|quote: what the files' volume counts", DefaultValueFactory = _ => "base" };
        volumeUnit.AcceptOnlyFromAmong("base", "quote");
        var seed = new Option<int?>("--seed") { Description = "Seed of the client order ids (default loop.seed, else 0)" };
        var report = new Option<string>("--report") { Description = "Where to write the JSON report", Required = true };
        var html = new Option<string?>("--html") { Description = "Where to write the self-contained HTML report" };
        var baseline = new Option<string?>("--baseline") { Description = "Compare the metrics with this baseline file (exit 1 on a deviation > 2 %)" };
        var update = new Option<bool>("--update-baseline") { Description = "Rewrite the --baseline file with this run's metrics" };

        var command = new Command("backtest", "Backtest 1-minute candles through the live decision stages in virtual time (takes the lock)");
        foreach (var option in new Option[] { candles, volumeUnit, seed, report, html, baseline, update }) command.Options.Add(option);
        command.SetAction((parsed, cancellationToken) =>
        {
            var request = new Request(
                parsed.GetValue(candles)!.Select(CandleFileSpec.Parse).ToList(),
                parsed.GetValue(volumeUnit) == "quote" ? VolumeUnit.Quote : VolumeUnit.Base,
                parsed.GetValue(seed),
                Path.GetFullPath(parsed.GetValue(report)!),
                parsed.GetValue(html) is { } h ? Path.GetFullPath(h) : null,
                parsed.GetValue(baseline) is { } b ? Path.GetFullPath(b) : null,
                parsed.GetValue(update),
                parsed.GetValue(candles)!);
            return Task.FromResult(Run(context, context.Globals.Read(parsed), request, cancellationToken));
        });
        return command;
    }

    private sealed record Request(
        IReadOnlyList<CandleFileSpec> Files, VolumeUnit VolumeUnit, int? Seed, string ReportPath, string? HtmlPath,
        string? BaselinePath, bool UpdateBaseline, IReadOnlyList<string> CandleArguments);

    private static int Run(CliContext context, CommonArgs args, Request request, CancellationToken cancellationToken)
    {
        if (request.UpdateBaseline && request.BaselinePath is null)
        {
            context.Error.WriteLine("usage: --update-baseline needs --baseline FILE (the file to rewrite)");
            return ExitCodes.BadInput;
        }
        if (!context.TryLockDataDir(args.DataDir, out var instanceLock)) return ExitCodes.AnotherInstance;
        using (instanceLock)
        {
            var loaded = ConfigLoader.Load(args.ConfigDir);
            if (loaded.Config is not { } config)
            {
                loaded.WriteProblems(context.Error);
                context.Error.WriteLine($"config invalid: {loaded.Errors.Count()} error(s) in {args.ConfigDir}");
                return ExitCodes.BadInput;
            }

            BaselineMetrics? expected = null;
            if (request.BaselinePath is { } baselinePath && !request.UpdateBaseline)
            {
                if (!File.Exists(baselinePath))
                {
                    context.Error.WriteLine($"{baselinePath}: baseline not found (create it with --update-baseline)");
                    return ExitCodes.BadInput;
                }
                try
                {
                    expected = BaselineMetrics.ReadFile(baselinePath);
                }
                catch (Exception e) when (e is InvalidDataException or IOException)
                {
                    context.Error.WriteLine(e.Message);
                    return ExitCodes.BadInput;
                }
            }

            var problems = new List<string>();
            var data = CandleFiles.Load(request.Files, request.VolumeUnit, problems);
            if (data is null)
            {
                foreach (var problem in problems) context.Error.WriteLine(problem);
                return ExitCodes.BadInput;
            }
            WriteIssues(context.Error, data);

            var seed = request.Seed ?? config.App.Loop.Seed ?? 0;
            var engine = new BacktestEngine(config, BacktestSettings.From(config, seed));
            var real = context.Clock.Real.Time;
            var bar = Console.IsErrorRedirected ? null : new ProgressBar(context.Error, data.Candles, real);
            var started = real.GetTimestamp();
            BacktestResult result;
            try
            {
                result = engine.Run(data, bar is null ? null : bar.Report, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                bar?.Finish();
                context.Error.WriteLine("backtest cancelled: no report written");
                return ExitCodes.RuntimeFailure;
            }
            var elapsed = real.GetElapsedTime(started);
            bar?.Finish();

            var info = new BacktestRunInfo(data.Rows, data.Issues.BadLines, seed, ConfigHash.Of(args.ConfigDir), data.DataHash,
                elapsed.TotalSeconds > 0 ? result.Candles / elapsed.TotalSeconds : 0d);
            try
            {
                BacktestReportWriter.WriteFile(request.ReportPath, result, info);
                if (request.HtmlPath is { } htmlPath) BacktestHtmlReport.WriteFile(htmlPath, result, data, info);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                context.Error.WriteLine($"backtest: cannot write the report: {e.Message}");
                return ExitCodes.RuntimeFailure;
            }
            WriteSummary(context.Out, result, info, elapsed, request);
            return Gate(context, request, expected, BaselineMetrics.Of(result, info, request.CandleArguments));
        }
    }

    private static int Gate(CliContext context, Request request, BaselineMetrics? expected, BaselineMetrics current)
    {
        if (request.BaselinePath is not { } path) return ExitCodes.Ok;
        if (request.UpdateBaseline)
        {
            try
            {
                current.WriteFile(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                context.Error.WriteLine($"backtest: cannot write the baseline: {e.Message}");
                return ExitCodes.RuntimeFailure;
            }
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"baseline updated: {path} (net_pnl {current.NetPnl}, max_drawdown_pct {current.MaxDrawdownPct}, trades {current.Trades}, fees {current.Fees})"));
            return ExitCodes.Ok;
        }

        var baseline = expected!;
        if (baseline.DataHash != current.DataHash || baseline.ConfigHash != current.ConfigHash || baseline.Seed != current.Seed)
            context.Out.WriteLine("baseline note: it was made from other data, config or seed; comparing the metrics anyway");
        var deviations = BaselineGate.Compare(baseline, current);
        context.Out.WriteLine($"baseline {path} (limit {BaselineGate.LimitPct} %):");
        foreach (var deviation in deviations) context.Out.WriteLine("  " + BaselineGate.Format(deviation));
        var failed = deviations.Where(d => !d.WithinLimit).Select(d => d.Name).ToList();
        if (failed.Count == 0)
        {
            context.Out.WriteLine("baseline: every metric within the limit");
            return ExitCodes.Ok;
        }
        context.Error.WriteLine($"baseline: {string.Join(", ", failed)} deviate more than {BaselineGate.LimitPct} % (update deliberately with --update-baseline)");
        return ExitCodes.RuntimeFailure;
    }

    private static void WriteIssues(TextWriter error, BacktestData data)
    {
        if (data.Issues.BadLines == 0) return;
        error.WriteLine($"warning: {data.Issues.BadLines} bad row(s) skipped ({string.Join(", ", data.Issues.ByReason.Select(p => $"{p.Key} {p.Value}"))}):");
        foreach (var example in data.Issues.Examples) error.WriteLine("  " + example);
    }

    private static void WriteSummary(TextWriter output, BacktestResult r, BacktestRunInfo info, TimeSpan elapsed, Request request)
    {
        var ci = CultureInfo.InvariantCulture;
        var open = r.Trades.Count(t => t.ExitTs is null);
        output.WriteLine(string.Create(ci,
            $"backtest: {string.Join(", ", r.Products)} · {ReportFormat.Time(r.Start)} → {ReportFormat.Time(r.End)} · {r.Candles:N0} candles · {r.Cycles:N0} cycles · seed {info.Seed}"));
        output.WriteLine(string.Create(ci,
            $"trades: {r.Trades.Count} ({open} open at the end) · orders {r.Orders.Count} · fills {r.Fills}"));
        output.WriteLine(string.Create(ci,
            $"PnL: net {Money(r.NetPnl)} USD (gross {Money(r.GrossPnl)}, fees {Money(r.Fees)}) · max drawdown {Math.Round(r.MaxDrawdownPct, 3)} % · final equity {Money(r.FinalEquity)}"));
        var top = r.RejectedByReason.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(4).Select(p => $"{p.Key} {p.Value}");
        output.WriteLine($"top rejections: {(r.RejectedByReason.Count == 0 ? "none" : string.Join(", ", top))}");
        output.WriteLine(string.Create(ci, $"speed: {info.CandlesPerSecond:N0} candles/s ({elapsed.TotalSeconds:0.###} s)"));
        output.WriteLine($"report: {request.ReportPath}");
        if (request.HtmlPath is not null) output.WriteLine($"html: {request.HtmlPath}");
    }

    private static string Money(decimal value) => Math.Round(value, 2, MidpointRounding.ToEven).ToString("0.00", CultureInfo.InvariantCulture);
}
