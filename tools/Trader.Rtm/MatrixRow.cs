namespace Trader.Rtm;

public sealed record MatrixRow(string Id, string Title, bool IsShall, RowStatus Status, int Passed, int Failed, IReadOnlyList<TaggedTest> Tests);
