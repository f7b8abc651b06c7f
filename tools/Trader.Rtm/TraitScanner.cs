using System.Text.RegularExpressions;

namespace Trader.Rtm;

/// <summary>
/// Finds [Trait("Req", "…")] tags in the test sources and the method each one decorates. Source scanning keeps the
/// tool independent of the test framework's runtime (TRX files do not carry traits).
/// </summary>
public static partial class TraitScanner
{
    public static IReadOnlyList<TaggedTest> Scan(string testsDir)
    {
        var found = new List<TaggedTest>();
        foreach (var file in Directory.EnumerateFiles(testsDir, "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains("/obj/", StringComparison.Ordinal) || file.Contains("/bin/", StringComparison.Ordinal)) continue;
            var text = File.ReadAllText(file);
            if (!text.Contains("\"Req\"", StringComparison.Ordinal)) continue;
            var ns = Namespace().Match(text).Groups["ns"].Value;
            foreach (Match trait in Trait().Matches(text))
            {
                var id = trait.Groups["id"].Value.Replace('\u2011', '-');
                var declaration = ClassDeclaration().Match(text, trait.Index + trait.Length);
                if (declaration.Success && declaration.Index == trait.Index + trait.Length)
                {
                    // A class-level tag covers every test method of the class (one class per file).
                    foreach (Match test in TestMethod().Matches(text, declaration.Index))
                        found.Add(new TaggedTest(id, $"{ns}.{declaration.Groups["name"].Value}.{test.Groups["name"].Value}", file));
                    continue;
                }
                var method = Method().Match(text, trait.Index);
                if (!method.Success) continue;
                var cls = EnclosingClass(text, trait.Index);
                if (cls is null) continue;
                found.Add(new TaggedTest(id, $"{ns}.{cls}.{method.Groups["name"].Value}", file));
            }
        }
        return found;
    }

    private static string? EnclosingClass(string text, int position)
    {
        string? name = null;
        foreach (Match m in Class().Matches(text))
        {
            if (m.Index > position) break;
            name = m.Groups["name"].Value;
        }
        return name;
    }

    [GeneratedRegex(@"\[Trait\(\s*""Req""\s*,\s*""(?<id>[^""]+)""\s*\)\]")]
    private static partial Regex Trait();

    [GeneratedRegex(@"public\s+(?:async\s+)?(?:static\s+)?[\w<>\[\],\s\.?]+?\s+(?<name>\w+)\s*\(")]
    private static partial Regex Method();

    /// <summary>Whitespace and other attributes, then a class declaration, right after a tag.</summary>
    [GeneratedRegex(@"(?:\s|\[[^\]]*\])*public\s+(?:sealed\s+|static\s+|abstract\s+)*class\s+(?<name>\w+)")]
    private static partial Regex ClassDeclaration();

    [GeneratedRegex(@"\[(?:Fact|Theory)[^\]]*\](?:\s|\[[^\]]*\])*public\s+(?:async\s+)?[\w<>\[\],\s\.?]+?\s+(?<name>\w+)\s*\(")]
    private static partial Regex TestMethod();

    [GeneratedRegex(@"\bclass\s+(?<name>\w+)")]
    private static partial Regex Class();

    [GeneratedRegex(@"namespace\s+(?<ns>[\w\.]+)")]
    private static partial Regex Namespace();
}
