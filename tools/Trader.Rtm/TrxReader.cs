using System.Xml.Linq;

namespace Trader.Rtm;

/// <summary>Reads test outcomes from every .trx file of a results directory.</summary>
public static class TrxReader
{
    public static IReadOnlyList<TestOutcome> ReadAll(string resultsDir)
    {
        var outcomes = new List<TestOutcome>();
        if (!Directory.Exists(resultsDir)) return outcomes;
        foreach (var file in Directory.EnumerateFiles(resultsDir, "*.trx"))
        {
            var doc = XDocument.Load(file);
            foreach (var result in doc.Descendants().Where(e => e.Name.LocalName == "UnitTestResult"))
            {
                var name = (string?)result.Attribute("testName") ?? "";
                var outcome = (string?)result.Attribute("outcome") ?? "";
                outcomes.Add(new TestOutcome(name, outcome == "Passed", Path.GetFileName(file)));
            }
        }
        return outcomes;
    }
}
