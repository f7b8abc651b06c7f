using System.Globalization;

namespace Trader.ExchangeSim.Faults;

/// <summary>
/// Injected faults (CONTRACTS.md §10). Probabilities are per frame (WS) or per request (REST) and drawn from the
/// simulator's seeded RNG, so the same seed and the same traffic give the same faults.
/// </summary>
public sealed record FaultOptions
{
    public static readonly FaultOptions None = new();

    /// <summary><c>drop_ws=30s</c>: every WebSocket connection is aborted this long after it opened.</summary>
    public TimeSpan? DropWebSocketAfter { get; init; }
    /// <summary><c>seq_gap=p</c>: a frame skips one <c>sequence_num</c>.</summary>
    public double SequenceGap { get; init; }
    /// <summary><c>stall=10s@5m</c>: every <see cref="StallEvery"/> since start, no WebSocket frame leaves for
    /// <see cref="StallFor"/> (frames are held, then delivered late).</summary>
    public TimeSpan StallFor { get; init; }
    public TimeSpan? StallEvery { get; init; }
    /// <summary><c>malformed=p</c>: a frame is cut in half (invalid JSON); its sequence number is used up.</summary>
    public double Malformed { get; init; }
    /// <summary><c>dup=p</c>: a frame is sent twice with the same sequence number.</summary>
    public double Duplicate { get; init; }
    /// <summary><c>http_5xx=p</c>: a REST request gets 503 without being executed.</summary>
    public double Http5xx { get; init; }
    /// <summary><c>http_429=p</c>: a REST request gets 429 without being executed.</summary>
    public double Http429 { get; init; }
    /// <summary><c>timeout_after_accept=p</c>: a create-order is booked, then the connection is aborted without
    /// an answer (the ambiguous case).</summary>
    public double TimeoutAfterAccept { get; init; }
    /// <summary><c>latency=50ms</c>: every REST answer is delayed this long on the simulator's clock.</summary>
    public TimeSpan Latency { get; init; }
    /// <summary><c>ignore_subscribe=p</c>: a subscribe message is silently ignored (no ack, no data).</summary>
    public double IgnoreSubscribe { get; init; }
    /// <summary><c>ignore_first_subscribes=N</c>: the first N subscribe messages of every WebSocket connection are
    /// silently ignored, the later ones honoured (a deterministic partial outage: data channels ignored, heartbeats kept).</summary>
    public int IgnoreFirstSubscribes { get; init; }

    /// <summary>Parses the <c>--faults</c> spec, e.g. <c>drop_ws=30s,seq_gap=0.001,stall=10s@5m</c>.</summary>
    /// <exception cref="FormatException">with a message naming the bad item.</exception>
    public static FaultOptions Parse(string? spec)
    {
        var result = new FaultOptions();
        if (string.IsNullOrWhiteSpace(spec)) return result;
        foreach (var raw in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = raw.IndexOf('=');
            if (eq <= 0) throw new FormatException($"fault '{raw}': expected name=value");
            var name = raw[..eq].Trim();
            var value = raw[(eq + 1)..].Trim();
            result = name switch
            {
                "drop_ws" => result with { DropWebSocketAfter = Duration(name, value) },
                "seq_gap" => result with { SequenceGap = Probability(name, value) },
                "stall" => ParseStall(result, value),
                "malformed" => result with { Malformed = Probability(name, value) },
                "dup" => result with { Duplicate = Probability(name, value) },
                "http_5xx" => result with { Http5xx = Probability(name, value) },
                "http_429" => result with { Http429 = Probability(name, value) },
                "timeout_after_accept" => result with { TimeoutAfterAccept = Probability(name, value) },
                "latency" => result with { Latency = Duration(name, value) },
                "ignore_subscribe" => result with { IgnoreSubscribe = Probability(name, value) },
                "ignore_first_subscribes" => result with { IgnoreFirstSubscribes = Count(name, value) },
                _ => throw new FormatException($"fault '{name}': unknown (known: drop_ws, seq_gap, stall, malformed, dup, http_5xx, http_429, timeout_after_accept, latency, ignore_subscribe, ignore_first_subscribes)"),
            };
        }
        return result;
    }

    private static int Count(string name, string value) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new FormatException($"fault '{name}': '{value}' is not a whole number ≥ 0");

    private static FaultOptions ParseStall(FaultOptions current, string value)
    {
        var at = value.IndexOf('@');
        if (at <= 0) throw new FormatException($"fault 'stall': '{value}' is not DURATION@PERIOD (e.g. 10s@5m)");
        var stallFor = Duration("stall", value[..at]);
        var every = Duration("stall", value[(at + 1)..]);
        if (stallFor >= every) throw new FormatException($"fault 'stall': the stall ({value[..at]}) must be shorter than its period ({value[(at + 1)..]})");
        return current with { StallFor = stallFor, StallEvery = every };
    }

    private static double Probability(string name, string value)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) || p < 0 || p > 1)
            throw new FormatException($"fault '{name}': '{value}' is not a probability in [0, 1]");
        return p;
    }

    /// <summary>Parses <c>50ms</c>, <c>30s</c>, <c>5m</c>, <c>1h</c> (decimals allowed).</summary>
    public static TimeSpan Duration(string name, string value)
    {
        (string number, double scale) = value switch
        {
            _ when value.EndsWith("ms", StringComparison.Ordinal) => (value[..^2], 1.0),
            _ when value.EndsWith('s') => (value[..^1], 1000.0),
            _ when value.EndsWith('m') => (value[..^1], 60_000.0),
            _ when value.EndsWith('h') => (value[..^1], 3_600_000.0),
            _ => (value, double.NaN),
        };
        if (double.IsNaN(scale) || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n <= 0)
            throw new FormatException($"fault '{name}': '{value}' is not a positive duration like 50ms, 30s, 5m or 1h");
        return TimeSpan.FromMilliseconds(n * scale);
    }
}
