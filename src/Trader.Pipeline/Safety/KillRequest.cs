namespace Trader.Pipeline.Safety;

/// <summary>A kill request found by a probe: its reason, source and activation time.</summary>
public sealed record KillRequest(string Reason, string Source, DateTimeOffset ActivatedAt);
