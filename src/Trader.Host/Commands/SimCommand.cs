using System.CommandLine;
using System.Globalization;
using Trader.ExchangeSim;
using Trader.ExchangeSim.Auth;
using Trader.ExchangeSim.Faults;
using Trader.ExchangeSim.Market;
using Trader.Host.Cli;

namespace Trader.Host.Commands;

/// <summary>
/// <c>trader sim</c>: the Coinbase-compatible exchange simulator, standalone, on real time (CONTRACTS.md §1, §10).
/// Binds 127.0.0.1, prints its URLs and runs until SIGINT/SIGTERM.
/// </summary>
internal static class SimCommand
{
    public static Command Create(CliContext context)
    {
        var port = new Option<int>("--port") { Description = "TCP port on 127.0.0.1 (0 = any free port)", DefaultValueFactory = _ => 0 };
        var acceptKey = new Option<string[]>("--accept-key")
        {
            Description = "NAME=PUBLIC_KEY_FILE, repeatable: a key whose JWTs are accepted (ES256 PEM, or Ed25519 as PEM or base64)",
            AllowMultipleArgumentsPerToken = false,
        };
        var balance = new Option<string>("--balance") { Description = "Starting balances, e.g. USD=100000,BTC=0", DefaultValueFactory = _ => "USD=100000" };
        var capture = new Option<string?>("--capture") { Description = "Feed the books from this capture file (recv_unix_ms TAB frame; .gz ok)" };
        var seed = new Option<int?>("--seed") { Description = "Seed of the BTC-USD/ETH-USD random walk and of the faults (default 1)" };
        var faults = new Option<string?>("--faults") { Description = "Comma-separated faults, e.g. drop_ws=30s,seq_gap=0.001,stall=10s@5m,http_5xx=0.05,latency=50ms" };

        var command = new Command("sim", "Run the Coinbase-compatible exchange simulator on 127.0.0.1 (real time) until SIGINT/SIGTERM");
        foreach (var option in new Option[] { port, acceptKey, balance, capture, seed, faults }) command.Options.Add(option);
        command.SetAction(async (result, token) =>
        {
            var problems = new List<string>();
            var options = new SimulatorOptions(context.Clock.Real.Time) { Port = result.GetValue(port) };
            if (options.Port is < 0 or > 65535) problems.Add($"--port: {options.Port} is not a TCP port");

            var keys = new List<AcceptedKey>();
            foreach (var spec in result.GetValue(acceptKey) ?? [])
                try { keys.Add(AcceptedKey.FromSpec(spec)); }
                catch (FormatException e) { problems.Add(e.Message); }

            var balances = ParseBalances(result.GetValue(balance)!, problems);
            var capturePath = result.GetValue(capture);
            var seedValue = result.GetValue(seed);
            if (capturePath is not null && seedValue is not null) problems.Add("--capture and --seed exclude each other");
            if (capturePath is not null && !File.Exists(capturePath)) problems.Add($"--capture: file '{capturePath}' not found");

            var faultOptions = FaultOptions.None;
            try { faultOptions = FaultOptions.Parse(result.GetValue(faults)); }
            catch (FormatException e) { problems.Add("--faults: " + e.Message); }

            if (problems.Count > 0)
            {
                foreach (var problem in problems) context.Error.WriteLine($"sim: {problem}");
                return ExitCodes.BadInput;
            }

            options = options with
            {
                AcceptedKeys = keys,
                Balances = balances,
                Faults = faultOptions,
                Seed = seedValue ?? 1,
                Market = capturePath is not null ? MarketSource.Capture(Path.GetFullPath(capturePath)) : MarketSource.RandomWalk(seedValue ?? 1),
            };

            ExchangeSimulator simulator;
            try { simulator = await ExchangeSimulator.StartAsync(options, token); }
            catch (IOException e)
            {
                context.Error.WriteLine($"sim: cannot listen on 127.0.0.1:{options.Port}: {e.Message}");
                return ExitCodes.RuntimeFailure;
            }
            await using (simulator)
            {
                context.Out.WriteLine("SIMULATOR (not Coinbase) running; Ctrl+C stops it");
                context.Out.WriteLine($"REST      {simulator.RestBaseUrl}/api/v3/brokerage");
                context.Out.WriteLine($"WS market {simulator.MarketWebSocketUrl}");
                context.Out.WriteLine($"WS user   {simulator.UserWebSocketUrl}");
                context.Out.WriteLine(keys.Count == 0
                    ? "keys      none accepted: private endpoints and the user channel answer 401 / authentication failure"
                    : "keys      " + string.Join(", ", keys.Select(k => $"{k.Name} ({k.Kind})")));
                if (faultOptions != FaultOptions.None) context.Out.WriteLine($"faults    {result.GetValue(faults)}");
                context.Out.Flush();

                var stopped = new TaskCompletionSource();
                await using (token.Register(() => stopped.TrySetResult()))
                    await stopped.Task;
                context.Out.WriteLine("simulator stopped");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Dictionary<string, decimal> ParseBalances(string text, List<string> problems)
    {
        var balances = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = item.IndexOf('=');
            if (eq <= 0 || !decimal.TryParse(item[(eq + 1)..], NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) || amount < 0)
            {
                problems.Add($"--balance: '{item}' is not CURRENCY=AMOUNT with a non-negative amount");
                continue;
            }
            balances[item[..eq].Trim().ToUpperInvariant()] = amount;
        }
        return balances;
    }
}
