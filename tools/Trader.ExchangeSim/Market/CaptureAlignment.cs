namespace Trader.ExchangeSim.Market;

/// <summary>How a capture's receive times map onto the simulator's clock.</summary>
public enum CaptureAlignment
{
    /// <summary>The first frame is due when the feed starts; later ones keep their spacing (standalone runs).</summary>
    Relative,
    /// <summary>Each frame is due at its own receive time (a replay whose virtual clock runs on capture time).</summary>
    Absolute,
}
