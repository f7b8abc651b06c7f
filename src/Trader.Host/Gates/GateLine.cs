namespace Trader.Host.Gates;

/// <summary>One line of <c>trader gates</c>: the gate, met or not, what the evidence says, what to do.</summary>
public sealed record GateLine(string Name, bool Met, string Detail, string? Remedy);
