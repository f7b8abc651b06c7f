namespace Trader.Host.Modes;

/// <summary>A go-live check defined by a name and a function of the request (the REQ-M1 conditions are these).</summary>
public sealed class GoLiveCheck(string name, Func<LiveRequest, string?> unmet) : IGoLiveCheck
{
    public string Name { get; } = name;

    public string? Unmet(LiveRequest request) => unmet(request);
}
