using System.Text.RegularExpressions;

namespace Trader.Rtm;

/// <summary>Reads the REQ ids (with their titles) from the spec, normalizing its U+2011 hyphens, plus the project's NFR ids.</summary>
public static partial class SpecReader
{
    public static readonly IReadOnlyList<Requirement> NonFunctional =
    [
        new("NFR-P1", "p95 decision cycle ≤ 1 s, p99 ≤ 2 s", false),
        new("NFR-R1", "graceful shutdown; state restored within one cycle after restart", false),
        new("NFR-S1", "no order while any safety gate is active", false),
        new("NFR-O1", "structured logs, rotation, 100 % redaction", false),
    ];

    public static IReadOnlyList<Requirement> ReadIds(string specPath)
    {
        var text = File.ReadAllText(specPath).Replace('\u2011', '-');
        var ids = new List<Requirement>();
        foreach (Match m in Heading().Matches(text))
        {
            var id = m.Groups["id"].Value;
            if (ids.All(r => r.Id != id))
                ids.Add(new Requirement(id, m.Groups["title"].Value.Trim(), true));
        }
        return [.. ids, .. NonFunctional];
    }

    [GeneratedRegex(@"\*\*(?<id>REQ-[A-Z0-9]+) \((?<title>[^)]*)\)")]
    private static partial Regex Heading();
}
