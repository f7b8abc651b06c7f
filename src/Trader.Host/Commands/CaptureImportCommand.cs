using System.CommandLine;
using System.Globalization;
using Trader.Host.Cli;
using Trader.Host.Import;

namespace Trader.Host.Commands;

/// <summary>
/// <c>trader capture import --format lean-quote|lean-trade|cryptofeed|candles-csv [--product ID] IN… --out FILE</c>
/// (CONTRACTS.md §1): shipped market data → a capture of Advanced Trade frames. Exit 0 when written (bad lines
/// are counted and reported on stderr), 2 for an unreadable or unusable input.
/// </summary>
public static class CaptureImportCommand
{
    /// <summary>The <c>capture</c> command with its <c>import</c> subcommand.</summary>
    public static Command Create(CliContext context)
    {
        var capture = new Command("capture", "Work with capture files (recorded or imported Advanced Trade frames)");
        capture.Subcommands.Add(Import(context));
        return capture;
    }

    private static Command Import(CliContext context)
    {
        var format = new Option<string>("--format")
        {
            Description = "Input format: lean-quote | lean-trade | cryptofeed | candles-csv",
            Required = true,
        };
        format.AcceptOnlyFromAmong([.. CaptureFormats.Names]);
        var product = new Option<string?>("--product") { Description = "Product id (e.g. BTC-USD) instead of inferring it from the folder/file name" };
        var output = new Option<string>("--out") { Description = "Capture to write (.gz compresses)", Required = true };
        var from = new Option<string?>("--from") { Description = "Keep data from this UTC date/time (inclusive), e.g. 2023-03-10" };
        var to = new Option<string?>("--to") { Description = "Keep data before this UTC date/time (exclusive)" };
        var spread = new Option<decimal>("--spread-bps")
        {
            Description = "Spread synthesized around trade bars and candles, in bps",
            DefaultValueFactory = _ => 5m,
        };
        var inputs = new Argument<string[]>("inputs") { Description = "Input files", Arity = ArgumentArity.OneOrMore };

        var command = new Command("import", "Convert shipped market data (LEAN minute zips, candle CSVs, a cryptofeed capture) into a capture of Advanced Trade frames");
        command.Options.Add(format);
        command.Options.Add(product);
        command.Options.Add(output);
        command.Options.Add(from);
        command.Options.Add(to);
        command.Options.Add(spread);
        command.Arguments.Add(inputs);
        command.SetAction(parse =>
        {
            var problems = new List<string>();
            CaptureFormats.TryParse(parse.GetValue(format)!, out var captureFormat);
            var fromTime = ParseTime(parse.GetValue(from), "--from", problems);
            var toTime = ParseTime(parse.GetValue(to), "--to", problems);
            var spreadBps = parse.GetValue(spread);
            if (spreadBps <= 0m || spreadBps >= 10_000m) problems.Add("--spread-bps: must be between 0 and 10000 (exclusive)");
            if (problems.Count > 0)
            {
                foreach (var problem in problems) context.Error.WriteLine($"capture import: {problem}");
                return ExitCodes.BadInput;
            }
            var request = new ImportRequest(captureFormat, parse.GetValue(inputs)!, parse.GetValue(output)!,
                parse.GetValue(product), fromTime, toTime, spreadBps);
            return Run(request, context);
        });
        return command;
    }

    internal static int Run(ImportRequest request, CliContext context)
    {
        ImportResult result;
        try
        {
            result = CaptureImporter.Run(request);
        }
        catch (ImportInputException e)
        {
            context.Error.WriteLine($"capture import: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (IOException e)
        {
            context.Error.WriteLine($"capture import: cannot write {request.Out}: {e.Message}");
            return ExitCodes.RuntimeFailure;
        }

        var channels = string.Join(", ", result.FramesByChannel.Select(c => $"{c.Key} {c.Value}"));
        context.Out.WriteLine($"wrote {result.Frames} frames to {request.Out} ({channels})");
        context.Out.WriteLine($"products: {string.Join(", ", result.Products)}; span {result.FirstFrame:O} .. {result.LastFrame:O}");
        foreach (var note in result.Issues.Notes) context.Error.WriteLine($"note: {note}");
        if (result.Issues.BadLines > 0)
        {
            context.Error.WriteLine($"bad input lines: {result.Issues.BadLines} ("
                + string.Join(", ", result.Issues.ByReason.Select(r => $"{r.Key} {r.Value}")) + "); first ones:");
            foreach (var example in result.Issues.Examples) context.Error.WriteLine("  " + example);
        }
        if (result.SkippedLines > 0) context.Out.WriteLine($"skipped {result.SkippedLines} lines that are not market frames or lie outside --from/--to");
        return ExitCodes.Ok;
    }

    private static DateTimeOffset? ParseTime(string? text, string option, List<string> problems)
    {
        if (text is null) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            return at;
        problems.Add($"{option}: '{text}' is not a date/time (e.g. 2018-04-04 or 2018-04-04T12:00:00Z)");
        return null;
    }
}
