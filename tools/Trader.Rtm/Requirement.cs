namespace Trader.Rtm;

/// <summary>A requirement id; <see cref="IsShall"/> is true for the spec's REQ ids (CI requires each to be proven).</summary>
public sealed record Requirement(string Id, string Title, bool IsShall);
