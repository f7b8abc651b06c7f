using Trader.Domain.Trading;

namespace Trader.Host.Runtime;

/// <summary>
/// Where <c>trader run</c> sends orders (CONTRACTS.md §2): DRY_RUN nowhere; PAPER <c>paper</c> (default) or <c>sim</c>
/// (the embedded simulator); LIVE <c>coinbase</c> (default) or <c>sim:URL</c> (an external <c>trader sim</c>).
/// <see cref="IsSimulator"/> runs put SIMULATOR on every log line.
/// </summary>
public sealed record VenueChoice(VenueKind Kind, Uri? SimulatorUrl = null)
{
    public bool IsSimulator => Kind is VenueKind.EmbeddedSimulator or VenueKind.ExternalSimulator;

    /// <summary>On every log line: <c>venue</c> is the venue's name, and <c>SIMULATOR</c> whenever orders go to a simulator (CONTRACTS.md §2).</summary>
    public IReadOnlyDictionary<string, string> LogProperties => IsSimulator
        ? new Dictionary<string, string> { ["venue"] = "SIMULATOR " + Name }
        : new Dictionary<string, string> { ["venue"] = Name };

    public string Name => Kind switch
    {
        VenueKind.None => "none",
        VenueKind.Paper => "paper",
        VenueKind.EmbeddedSimulator => "sim",
        VenueKind.ExternalSimulator => "sim:" + SimulatorUrl,
        _ => "coinbase",
    };

    /// <summary>The venue of <paramref name="mode"/> for <c>--venue</c> <paramref name="text"/> (null: the mode's default), or why not.</summary>
    public static (VenueChoice? Choice, string? Problem) Parse(TradingMode mode, string? text)
    {
        switch (mode)
        {
            case TradingMode.DryRun:
                return text is null or "none"
                    ? (new VenueChoice(VenueKind.None), null)
                    : (null, $"--venue {text}: DRY_RUN sends no orders, so it takes no venue (use --mode paper or --mode live)");
            case TradingMode.Paper:
                return text switch
                {
                    null or "paper" => (new VenueChoice(VenueKind.Paper), null),
                    "sim" => (new VenueChoice(VenueKind.EmbeddedSimulator), null),
                    _ => (null, $"--venue {text}: PAPER takes --venue paper (the in-process paper wallet) or sim (the embedded simulator)"),
                };
            default:
                if (text is null or "coinbase") return (new VenueChoice(VenueKind.Coinbase), null);
                if (text.StartsWith("sim:", StringComparison.Ordinal))
                {
                    var url = text["sim:".Length..];
                    if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
                        return (new VenueChoice(VenueKind.ExternalSimulator, uri), null);
                    return (null, $"--venue {text}: sim:URL needs the simulator's http(s) base URL, e.g. sim:http://127.0.0.1:8787");
                }
                return (null, $"--venue {text}: LIVE takes --venue coinbase or sim:URL (an external `trader sim`)");
        }
    }

    /// <summary>The user-channel WebSocket of a REST base URL: the simulator serves it at <c>/ws/user</c> on the same host.</summary>
    public static Uri SimulatorUserWebSocket(Uri restBase) =>
        new UriBuilder(restBase) { Scheme = restBase.Scheme == Uri.UriSchemeHttps ? "wss" : "ws", Path = "/ws/user", Query = "" }.Uri;
}
