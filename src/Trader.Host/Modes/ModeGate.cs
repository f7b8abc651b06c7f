using Trader.Domain.Trading;

namespace Trader.Host.Modes;

/// <summary>
/// Decides the mode of a run (REQ-M1). The mode is <c>--mode</c> when given, else <c>app.mode</c> (DRY_RUN by
/// default). Asking for a safer mode than the config is always allowed (<c>--mode paper</c> with
/// <c>app.mode: LIVE</c> runs PAPER). LIVE — whether asked by the flag or by the config — runs only when every
/// check of <see cref="LiveReadiness"/> passes; otherwise the decision lists every unmet condition. DRY_RUN and
/// PAPER need no key.
/// </summary>
public sealed class ModeGate(LiveReadiness readiness)
{
    public static ModeGate Standard { get; } = new(LiveReadiness.Standard);

    public LiveReadiness Readiness { get; } = readiness;

    public ModeDecision Decide(LiveRequest request)
    {
        var configMode = request.Config.App.App.Mode;
        var mode = request.ModeFlag ?? configMode;
        var notes = new List<string>();
        if (request.ModeFlag is { } flag && flag < configMode)
            notes.Add($"running {ModeNames.ToConfig(flag)} as --mode {ModeNames.ToFlag(flag)} asks, although app.yaml app.mode is {ModeNames.ToConfig(configMode)}");
        if (mode != TradingMode.Live)
            return new ModeDecision(mode, [], notes);
        return new ModeDecision(mode, Readiness.UnmetConditions(request), notes);
    }
}
