namespace Trader.Pipeline.Safety;

/// <summary>Looks for an outside kill request (a kill file, a halt row written by `trader kill`); IO lives behind this port.</summary>
public interface IKillSignalProbe
{
    /// <summary>The pending request, or null. Must be cheap and never throw.</summary>
    KillRequest? Probe();
}
