using Trader.Host.Modes;

namespace Trader.Host.Gates;

/// <summary>
/// A go-live gate of spec §6, evaluated from recorded evidence and the config. It is an <see cref="IGoLiveCheck"/>,
/// so <see cref="LiveReadiness.With"/> makes <c>trader run --mode live</c> refuse on it, and <c>trader gates</c>
/// shows its full <see cref="GateVerdict"/>.
/// </summary>
public abstract class GoLiveGate : IGoLiveCheck
{
    public abstract string Name { get; }

    public abstract GateVerdict Evaluate(LiveRequest request);

    public string? Unmet(LiveRequest request)
    {
        var verdict = Evaluate(request);
        return verdict.Met ? null : $"{verdict.Detail}; {verdict.Remedy}";
    }
}
