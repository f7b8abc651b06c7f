namespace Trader.Rtm;

/// <summary>One executed test case from a TRX file; <see cref="Name"/> may carry theory arguments after the method name.</summary>
public sealed record TestOutcome(string Name, bool Passed, string TrxFile);
