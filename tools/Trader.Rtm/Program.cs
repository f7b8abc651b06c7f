using Trader.Rtm;

// usage: Trader.Rtm --root DIR --spec FILE --results DIR --out FILE [--require-all]
var options = RtmOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: Trader.Rtm --root DIR --spec FILE --results DIR --out FILE [--require-all]");
    return 2;
}

var requirements = SpecReader.ReadIds(options.SpecPath);
var tagged = TraitScanner.Scan(Path.Combine(options.Root, "tests"));
var outcomes = TrxReader.ReadAll(options.ResultsDir);
var matrix = TraceabilityMatrix.Build(requirements, tagged, outcomes);
File.WriteAllText(options.OutPath, MatrixWriter.ToMarkdown(matrix));

var unproven = matrix.Rows.Where(r => r.IsShall && r.Status != RowStatus.Proven).Select(r => r.Id).ToList();
Console.WriteLine($"RTM: {matrix.Rows.Count(r => r.IsShall && r.Status == RowStatus.Proven)} of {matrix.Rows.Count(r => r.IsShall)} spec requirements proven by passing tests; written to {Path.GetRelativePath(options.Root, options.OutPath)}");
if (unproven.Count > 0)
    Console.WriteLine("RTM: without a passing test: " + string.Join(", ", unproven));
return options.RequireAll && unproven.Count > 0 ? 1 : 0;
