using System.Globalization;
using Trader.Host.Modes;

namespace Trader.Host.Gates;

/// <summary>The jitter gate (spec §6.4, REQ-SCH1): decision cycles are jittered (<c>loop.jitter_pct</c> &gt; 0).</summary>
public sealed class JitterGate : GoLiveGate
{
    public override string Name => "jitter";

    public override GateVerdict Evaluate(LiveRequest request)
    {
        var jitter = request.Config.App.Loop.JitterPct;
        return jitter > 0
            ? GateVerdict.Pass($"decision cycles jittered by 0–{jitter.ToString(CultureInfo.InvariantCulture)} %")
            : GateVerdict.Fail("loop.jitter_pct is 0: decision cycles are not jittered", "set loop.jitter_pct (0–10) in app.yaml, e.g. 10.0");
    }
}
