using System.CommandLine;
using System.Globalization;
using Trader.Coinbase.Capture;
using Trader.Coinbase.Feed;
using Trader.Host.Cli;
using Trader.Host.Configuration;
using Trader.Host.Runtime;

namespace Trader.Host.Commands;

/// <summary>
/// <c>trader record --products A,B --out FILE [--duration 10m]</c>: writes every frame received from the live feed
/// (<c>exchange.ws_url</c>) verbatim with its receive stamp, in the capture format of CONTRACTS.md §8 (<c>.gz</c> by
/// extension). Stops after the duration, or on SIGINT/SIGTERM, and always flushes what it has.
/// </summary>
public static class RecordCommand
{
    public static Command Create(CliContext context)
    {
        var products = new Option<string>("--products") { Description = "Comma-separated product ids, e.g. BTC-USD,ETH-USD", Required = true };
        var output = new Option<string>("--out") { Description = "Capture file to write (.gz compresses)", Required = true };
        var duration = new Option<string?>("--duration") { Description = "How long to record: 90s, 10m, 2h (default: until stopped)" };
        var command = new Command("record", "Record a capture from the live feed (no lock)");
        foreach (var option in new Option[] { products, output, duration }) command.Options.Add(option);
        command.SetAction(async (parsed, _) =>
        {
            var args = context.Globals.Read(parsed);
            var ids = parsed.GetValue(products)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => p.ToUpperInvariant()).Distinct().ToList();
            if (ids.Count == 0)
            {
                context.Error.WriteLine("usage: --products: give at least one product id");
                return ExitCodes.BadInput;
            }
            TimeSpan? length = null;
            if (parsed.GetValue(duration) is { } text)
            {
                if (ParseDuration(text) is not { } parsedLength)
                {
                    context.Error.WriteLine($"usage: --duration: '{text}' is not a duration like 90s, 10m or 2h");
                    return ExitCodes.BadInput;
                }
                length = parsedLength;
            }
            var loaded = ConfigLoader.Load(args.ConfigDir);
            loaded.WriteProblems(context.Error);
            if (loaded.Config is not { } config) return ExitCodes.BadInput;

            using var signal = new ShutdownSignal();
            return await RecordAsync(context, config.App.Exchange.WsUrl, ids, Path.GetFullPath(parsed.GetValue(output)!), length, signal.Token);
        });
        return command;
    }

    private static async Task<int> RecordAsync(CliContext context, string wsUrl, IReadOnlyList<string> products, string path,
        TimeSpan? length, CancellationToken stop)
    {
        var time = context.Clock.Real.Time;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var writer = CaptureWriter.Create(path);
        var gate = new object();
        writer.WriteComment($"recorded by trader record from {wsUrl}; products {string.Join(",", products)}; started {time.GetUtcNow():yyyy-MM-dd'T'HH:mm:ss.fff'Z'}");
        var client = new CoinbaseFeedClient(CoinbaseFeedOptions.Market(wsUrl, products), time);
        await using (client)
        {
            client.FrameReceived += frame =>
            {
                lock (gate) writer.WriteFrame(frame.TsRecv, frame.Bytes.Span);
            };
            client.Disconnected += d => context.Error.WriteLine($"feed disconnected ({d.Reason}); reconnecting");
            client.Start();
            context.Out.WriteLine($"recording {string.Join(",", products)} from {wsUrl} to {path}" + (length is { } l ? $" for {l}" : " until stopped"));
            try
            {
                await Task.Delay(length ?? Timeout.InfiniteTimeSpan, time, stop);
            }
            catch (OperationCanceledException)
            {
            }
        }
        lock (gate)
        {
            writer.Flush();
            context.Out.WriteLine($"wrote {writer.FramesWritten} frames to {path}");
        }
        return ExitCodes.Ok;
    }

    public static TimeSpan? ParseDuration(string text)
    {
        text = text.Trim();
        if (text.Length < 2) return null;
        var unit = text[^1];
        if (!double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0) return null;
        return unit switch
        {
            's' => TimeSpan.FromSeconds(value),
            'm' => TimeSpan.FromMinutes(value),
            'h' => TimeSpan.FromHours(value),
            _ => null,
        };
    }
}
