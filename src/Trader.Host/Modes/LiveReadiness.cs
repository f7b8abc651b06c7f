using Trader.Domain.Trading;

namespace Trader.Host.Modes;

/// <summary>
/// The checklist LIVE must pass (REQ-M1): <c>--mode live</c>, <c>app.mode: LIVE</c>, <c>exchange.read_only: false</c>,
/// <c>governance.live_trading_enabled: true</c>, an API key that loads, and a key that is not overdue for rotation
/// (REQ-SEC2). More checks (the go-live gates) are appended with <see cref="With"/>. <see cref="UnmetConditions"/>
/// evaluates every check and returns every one that fails, so a refusal lists all that must change.
/// </summary>
public sealed class LiveReadiness
{
    private readonly IReadOnlyList<IGoLiveCheck> _checks;

    public LiveReadiness(IEnumerable<IGoLiveCheck> checks) => _checks = checks.ToList();

    public static LiveReadiness Standard { get; } = new(StandardChecks());

    public IReadOnlyList<IGoLiveCheck> Checks => _checks;

    public LiveReadiness With(params IGoLiveCheck[] more) => new(_checks.Concat(more));

    public IReadOnlyList<UnmetCondition> UnmetConditions(LiveRequest request)
    {
        var unmet = new List<UnmetCondition>();
        foreach (var check in _checks)
        {
            if (check.Unmet(request) is { } reason)
                unmet.Add(new UnmetCondition(check.Name, reason));
        }
        return unmet;
    }

    public static IReadOnlyList<IGoLiveCheck> StandardChecks() =>
    [
        new GoLiveCheck("mode_flag", r => r.ModeFlag == TradingMode.Live
            ? null
            : r.ModeFlag is { } flag ? $"--mode is {ModeNames.ToFlag(flag)}; LIVE needs --mode live" : "LIVE needs --mode live on the command line"),
        new GoLiveCheck("config_mode", r => r.Config.App.App.Mode == TradingMode.Live
            ? null
            : $"app.yaml app.mode is {ModeNames.ToConfig(r.Config.App.App.Mode)}; LIVE needs app.mode: LIVE"),
        new GoLiveCheck("read_only", r => r.Config.App.Exchange.ReadOnly
            ? "app.yaml exchange.read_only is true; LIVE needs exchange.read_only: false"
            : null),
        new GoLiveCheck("live_trading_enabled", r => r.Config.Policy.Governance.LiveTradingEnabled
            ? null
            : "policy.yaml governance.live_trading_enabled is false; LIVE needs it true"),
        new GoLiveCheck("api_keys", r => r.Secrets.KeysPresent
            ? null
            : r.Secrets.Credentials.Problems.Count > 0
                ? string.Join("; ", r.Secrets.Credentials.Problems)
                : $"no API key: set {r.Config.App.Secrets.KeyNameEnv} and {r.Config.App.Secrets.PrivateKeyEnv} (or {r.Config.App.Secrets.PrivateKeyFileEnv})"),
        new GoLiveCheck("secrets_rotation", r => r.Secrets.Rotation.LiveBlockers.Count == 0
            ? null
            : string.Join("; ", r.Secrets.Rotation.LiveBlockers)),
    ];
}
