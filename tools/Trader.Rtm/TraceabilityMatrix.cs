namespace Trader.Rtm;

public sealed record TraceabilityMatrix(IReadOnlyList<MatrixRow> Rows, IReadOnlyList<TaggedTest> UnknownIds)
{
    public static TraceabilityMatrix Build(IReadOnlyList<Requirement> requirements, IReadOnlyList<TaggedTest> tagged, IReadOnlyList<TestOutcome> outcomes)
    {
        var rows = new List<MatrixRow>();
        foreach (var req in requirements)
        {
            var tests = tagged.Where(t => t.RequirementId == req.Id).OrderBy(t => t.FullName, StringComparer.Ordinal).ToList();
            var runs = outcomes.Where(o => tests.Any(t => Matches(o.Name, t.FullName))).ToList();
            var passed = runs.Count(r => r.Passed);
            var failed = runs.Count - passed;
            var status = tests.Count == 0 ? RowStatus.NoTest
                : runs.Count == 0 ? RowStatus.NotRun
                : failed > 0 ? RowStatus.Failing
                : RowStatus.Proven;
            rows.Add(new MatrixRow(req.Id, req.Title, req.IsShall, status, passed, failed, tests));
        }
        var unknown = tagged.Where(t => requirements.All(r => r.Id != t.RequirementId)).ToList();
        return new TraceabilityMatrix(rows, unknown);
    }

    /// <summary>A TRX test name is the method's full name, followed by "(args)" for a theory case.</summary>
    private static bool Matches(string trxName, string fullName) =>
        trxName == fullName || (trxName.StartsWith(fullName, StringComparison.Ordinal) && trxName.Length > fullName.Length && trxName[fullName.Length] == '(');
}
