using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Trader.Host.Tests.Metrics;

/// <summary>
/// A strict parser of the Prometheus text format 0.0.4, for tests: every line is blank, a comment, a HELP/TYPE line
/// or a sample <c>name{labels} value [timestamp]</c>; names match <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>, label names
/// <c>[a-zA-Z_][a-zA-Z0-9_]*</c>, label values only use the escapes <c>\\ \" \n</c>; every sample belongs to a
/// family declared by a TYPE line before it, a family's samples are contiguous, no sample repeats; histogram
/// buckets ascend in <c>le</c>, are cumulative, end with <c>le="+Inf"</c> equal to <c>_count</c>, and have a
/// <c>_sum</c>. Throws <see cref="FormatException"/> naming the line on any breach.
/// </summary>
public static partial class PrometheusTextParser
{
    private static readonly HashSet<string> Types = ["counter", "gauge", "histogram", "summary", "untyped"];

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();

    public static IReadOnlyDictionary<string, PrometheusFamily> Parse(string text)
    {
        if (text.Length > 0 && !text.EndsWith('\n')) throw new FormatException("the exposition must end with a newline");
        var families = new Dictionary<string, PrometheusFamily>(StringComparer.Ordinal);
        var closed = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var helps = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        var lines = text.Split('\n');
        for (var n = 0; n < lines.Length - 1; n++)
        {
            var line = lines[n];
            var where = $"line {n + 1} '{line}'";
            if (line.Length == 0) continue;
            if (line.Contains('\r')) throw new FormatException($"{where}: carriage return");
            if (line.StartsWith('#'))
            {
                var parts = line.Split(' ', 4);
                if (parts.Length >= 3 && parts[0] == "#" && parts[1] is "HELP" or "TYPE")
                {
                    var name = parts[2];
                    if (!MetricName().IsMatch(name)) throw new FormatException($"{where}: bad metric name");
                    if (parts[1] == "TYPE")
                    {
                        if (parts.Length != 4 || !Types.Contains(parts[3])) throw new FormatException($"{where}: bad type");
                        if (families.ContainsKey(name)) throw new FormatException($"{where}: second TYPE for {name}");
                        families[name] = new PrometheusFamily(name, parts[3], helps.GetValueOrDefault(name), []);
                    }
                    else
                    {
                        if (helps.ContainsKey(name)) throw new FormatException($"{where}: second HELP for {name}");
                        var help = parts.Length == 4 ? parts[3] : "";
                        CheckHelpEscapes(help, where);
                        helps[name] = help;
                        if (families.TryGetValue(name, out var declared)) families[name] = declared with { Help = help };
                    }
                }
                continue;
            }

            var sample = ParseSample(line, where);
            var family = FamilyOf(sample.Name, families)
                ?? throw new FormatException($"{where}: no TYPE line for {sample.Name}");
            if (family.Name != current)
            {
                if (current is not null) closed.Add(current);
                if (closed.Contains(family.Name)) throw new FormatException($"{where}: samples of {family.Name} are not contiguous");
                current = family.Name;
            }
            var identity = sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) + "}";
            if (!seen.Add(identity)) throw new FormatException($"{where}: duplicate sample {identity}");
            family.Samples.Add(sample);
        }
        foreach (var family in families.Values.Where(f => f.Type == "histogram")) CheckHistogram(family);
        return families;
    }

    private static PrometheusFamily? FamilyOf(string sampleName, Dictionary<string, PrometheusFamily> families)
    {
        if (families.TryGetValue(sampleName, out var exact) && exact.Type != "histogram") return exact;
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (!sampleName.EndsWith(suffix, StringComparison.Ordinal)) continue;
            if (families.TryGetValue(sampleName[..^suffix.Length], out var histogram) && histogram.Type is "histogram" or "summary")
                return histogram;
        }
        return null;
    }

    private static PrometheusSample ParseSample(string line, string where)
    {
        var i = 0;
        while (i < line.Length && line[i] != '{' && line[i] != ' ') i++;
        var name = line[..i];
        if (!MetricName().IsMatch(name)) throw new FormatException($"{where}: bad metric name '{name}'");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (true)
            {
                if (i >= line.Length) throw new FormatException($"{where}: unterminated label set");
                if (line[i] == '}') { i++; break; }
                var eq = line.IndexOf('=', i);
                if (eq < 0) throw new FormatException($"{where}: label without '='");
                var labelName = line[i..eq];
                if (!LabelName().IsMatch(labelName)) throw new FormatException($"{where}: bad label name '{labelName}'");
                i = eq + 1;
                if (i >= line.Length || line[i] != '"') throw new FormatException($"{where}: label value not quoted");
                i++;
                var value = new StringBuilder();
                while (true)
                {
                    if (i >= line.Length) throw new FormatException($"{where}: unterminated label value");
                    var c = line[i++];
                    if (c == '"') break;
                    if (c == '\\')
                    {
                        if (i >= line.Length) throw new FormatException($"{where}: dangling escape");
                        value.Append(line[i++] switch
                        {
                            '\\' => '\\',
                            '"' => '"',
                            'n' => '\n',
                            var other => throw new FormatException($"{where}: bad escape \\{other}"),
                        });
                    }
                    else value.Append(c);
                }
                if (!labels.TryAdd(labelName, value.ToString())) throw new FormatException($"{where}: label {labelName} twice");
                if (i < line.Length && line[i] == ',') i++;
                else if (i < line.Length && line[i] != '}') throw new FormatException($"{where}: expected ',' or '}}'");
            }
        }
        if (i >= line.Length || line[i] != ' ') throw new FormatException($"{where}: expected a space before the value");
        var rest = line[(i + 1)..].Split(' ');
        if (rest.Length is < 1 or > 2) throw new FormatException($"{where}: expected a value and an optional timestamp");
        var number = ParseNumber(rest[0]) ?? throw new FormatException($"{where}: bad value '{rest[0]}'");
        if (rest.Length == 2 && !long.TryParse(rest[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            throw new FormatException($"{where}: bad timestamp '{rest[1]}'");
        return new PrometheusSample(name, labels, number);
    }

    private static double? ParseNumber(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ when text.Length > 0 && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && !text.Contains("Infinity", StringComparison.OrdinalIgnoreCase) => value,
        _ => null,
    };

    private static void CheckHelpEscapes(string help, string where)
    {
        for (var i = 0; i < help.Length; i++)
        {
            if (help[i] != '\\') continue;
            if (i + 1 >= help.Length || help[i + 1] is not ('\\' or 'n')) throw new FormatException($"{where}: bad escape in HELP");
            i++;
        }
    }

    private static void CheckHistogram(PrometheusFamily family)
    {
        var groups = family.Samples.GroupBy(s => string.Join(",", s.Labels.Where(l => l.Key != "le")
            .OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")));
        foreach (var group in groups)
        {
            var where = $"histogram {family.Name}{{{group.Key}}}";
            var buckets = group.Where(s => s.Name == family.Name + "_bucket").ToList();
            if (buckets.Count == 0) throw new FormatException($"{where}: no buckets");
            double previousLe = double.NegativeInfinity, previousCount = 0;
            foreach (var bucket in buckets)
            {
                var le = ParseNumber(bucket.Label("le") ?? throw new FormatException($"{where}: bucket without le"))
                    ?? throw new FormatException($"{where}: bad le");
                if (le <= previousLe) throw new FormatException($"{where}: le not ascending at {le}");
                if (bucket.Value < previousCount) throw new FormatException($"{where}: buckets not cumulative at le={le}");
                previousLe = le;
                previousCount = bucket.Value;
            }
            if (!double.IsPositiveInfinity(previousLe)) throw new FormatException($"{where}: last bucket is not le=\"+Inf\"");
            var count = group.SingleOrDefault(s => s.Name == family.Name + "_count")
                ?? throw new FormatException($"{where}: no _count");
            if (group.All(s => s.Name != family.Name + "_sum")) throw new FormatException($"{where}: no _sum");
            if (count.Value != previousCount) throw new FormatException($"{where}: +Inf bucket {previousCount} ≠ _count {count.Value}");
        }
    }
}
