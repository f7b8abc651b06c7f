using Trader.Host.Modes;

namespace Trader.Host.Gates;

/// <summary>The secrets gate (REQ-SEC1, REQ-SEC2): an API key loads from the environment and was rotated within <c>secrets.max_age_days</c> (at most 90).</summary>
public sealed class SecretsGate : GoLiveGate
{
    public override string Name => "secrets";

    public override GateVerdict Evaluate(LiveRequest request)
    {
        var s = request.Config.App.Secrets;
        if (!request.Secrets.KeysPresent)
        {
            var why = request.Secrets.Credentials.Problems.Count > 0 ? string.Join("; ", request.Secrets.Credentials.Problems) : "no API key in the environment";
            var rotation = request.Secrets.Rotation.LiveBlockers;
            return GateVerdict.Fail(rotation.Count == 0 ? why : why + "; " + string.Join("; ", rotation),
                $"set {s.KeyNameEnv} and {s.PrivateKeyEnv} (or {s.PrivateKeyFileEnv})" + (rotation.Count == 0 ? "" : " and secrets.rotated_on in app.yaml to the key's rotation date"));
        }
        if (request.Secrets.Rotation.LiveBlockers.Count > 0)
            return GateVerdict.Fail(string.Join("; ", request.Secrets.Rotation.LiveBlockers),
                "rotate the key in Coinbase, update the environment and set secrets.rotated_on in app.yaml to the rotation date");
        return GateVerdict.Pass($"API key loaded from {request.Secrets.Credentials.Source}; {request.Secrets.Rotation.Report}");
    }
}
