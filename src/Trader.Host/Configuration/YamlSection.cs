using System.Globalization;
using Trader.Host.Secrets;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Trader.Host.Configuration;

/// <summary>
/// A cursor over one YAML mapping that binds values while it validates them. The binder's calls are the file's
/// schema: every key asked for is a known key; <see cref="Finish"/> reports every key nobody asked for, as an
/// unsupported-key warning or an unknown-key error with the closest known key. A value that is missing takes the
/// default; a value that is wrong is reported (with its line) and the default is returned so binding goes on and
/// every problem is found in one run.
/// </summary>
internal sealed class YamlSection
{
    private readonly string _file;
    private readonly ProblemSink _sink;
    private readonly List<(string Name, YamlNode Key, YamlNode Value)> _entries = [];
    private readonly List<string> _known = [];
    private readonly List<YamlSection> _children = [];

    private YamlSection(string file, ProblemSink sink, string path, YamlMappingNode? node)
    {
        _file = file;
        _sink = sink;
        Path = path;
        if (node is null)
            return;
        foreach (var (key, value) in node.Children)
        {
            if (key is not YamlScalarNode { Value: { } name })
            {
                _sink.Error(_file, path, "keys must be plain names", key.Start.Line);
                continue;
            }
            _entries.Add((name, key, value));
        }
    }

    public string Path { get; }

    public static YamlSection Root(string file, ProblemSink sink, YamlMappingNode? node) => new(file, sink, "", node);

    public bool Has(string key) => _entries.Exists(e => e.Name == key);

    public YamlSection Section(string key)
    {
        var node = Take(key);
        var path = Child(key);
        YamlMappingNode? mapping = null;
        if (node is YamlMappingNode m)
            mapping = m;
        else if (node is not null && !IsNull(node))
            Error(path, $"expected a mapping of keys, got {Describe(node, key)}", node);
        var section = new YamlSection(_file, _sink, path, mapping);
        _children.Add(section);
        return section;
    }

    public decimal Decimal(string key, decimal @default, Func<decimal, string?>? rule = null) =>
        Scalar(key, @default, "a number", TryDecimal, rule);

    public double Double(string key, double @default, Func<double, string?>? rule = null) =>
        Scalar(key, @default, "a number", TryDouble, rule);

    public int Int(string key, int @default, Func<long, string?>? rule = null) =>
        (int)Scalar(key, (long)@default, "a whole number", TryInt32, rule);

    public long Long(string key, long @default, Func<long, string?>? rule = null) =>
        Scalar(key, @default, "a whole number", TryLong, rule);

    public int? NullableInt(string key, Func<long, string?>? rule = null)
    {
        var node = Take(key);
        if (node is null || IsNull(node))
            return null;
        return (int)Convert(node, Child(key), key, 0L, "a whole number", TryInt32, rule);
    }

    public bool Bool(string key, bool @default, Func<bool, string?>? rule = null) =>
        Scalar(key, @default, "true or false", TryBool, rule);

    public string String(string key, string @default, Func<string, string?>? rule = null) =>
        Scalar(key, @default, "a text value", TryString, rule);

    /// <summary>One of a fixed set of words, matched exactly (a near miss gets a suggestion).</summary>
    public string OneOf(string key, string @default, params string[] allowed)
    {
        var value = String(key, @default);
        if (Array.IndexOf(allowed, value) >= 0)
            return value;
        var node = Find(key)!;
        Error(Child(key), OneOfMessage(value, allowed, key, node), node);
        return @default;
    }

    /// <summary>null (or absent), or one of a fixed set of words.</summary>
    public string? NullableOneOf(string key, params string[] allowed)
    {
        var node = Take(key);
        if (node is null || IsNull(node))
            return null;
        var value = Convert(node, Child(key), key, "", "a text value", TryString, null);
        if (Array.IndexOf(allowed, value) >= 0)
            return value;
        Error(Child(key), OneOfMessage(value, allowed, key, node, orNull: true), node);
        return null;
    }

    public DateOnly? NullableDate(string key)
    {
        var node = Take(key);
        if (node is null || IsNull(node))
            return null;
        return Convert<DateOnly?>(node, Child(key), key, null, "a date YYYY-MM-DD", TryDate, null);
    }

    public IReadOnlyList<string> StringList(string key, IReadOnlyList<string> @default, Func<string, string?>? itemRule = null)
    {
        var node = Take(key);
        return node is null ? @default : ListOf(node, Child(key), key, @default, itemRule);
    }

    /// <summary>
    /// A mapping of names to values. With <paramref name="allowedNames"/> only those names are valid and the given
    /// entries are merged over the defaults (a missing one keeps its default); without, the names are free (theme
    /// names, tier names) and the given mapping replaces the default.
    /// </summary>
    public IReadOnlyDictionary<string, T> Map<T>(string key, IReadOnlyDictionary<string, T> @default,
        Func<YamlSection, string, YamlNode, T> bindEntry, IReadOnlyList<string>? allowedNames = null)
    {
        var node = Take(key);
        var path = Child(key);
        if (node is null)
            return @default;
        if (IsNull(node))
            return allowedNames is null ? new Dictionary<string, T>() : @default;
        if (node is not YamlMappingNode)
        {
            Error(path, $"expected a mapping, got {Describe(node, key)}", node);
            return @default;
        }
        var result = allowedNames is null ? new Dictionary<string, T>(StringComparer.Ordinal) : new Dictionary<string, T>(@default, StringComparer.Ordinal);
        var section = new YamlSection(_file, _sink, path, (YamlMappingNode)node);
        _children.Add(section);
        foreach (var (name, keyNode, valueNode) in section._entries)
        {
            if (allowedNames is not null && !allowedNames.Contains(name))
                continue; // reported by Finish as unknown, with a suggestion from allowedNames
            section._known.Add(name);
            result[name] = bindEntry(section, name, valueNode);
        }
        if (allowedNames is not null)
            section._known.AddRange(allowedNames.Where(n => !section._known.Contains(n)));
        return result;
    }

    /// <summary>A map entry's value as a number (for <see cref="Map{T}"/>); 0 when it is wrong (the error is reported).</summary>
    public decimal EntryDecimal(string name, YamlNode value, Func<decimal, string?>? rule) =>
        Convert(value, Child(name), name, 0m, "a number", TryDecimal, rule);

    /// <summary>A map entry's value as a list of words (for <see cref="Map{T}"/>).</summary>
    public IReadOnlyList<string> EntryStringList(string name, YamlNode value) => ListOf(value, Child(name), name, [], null);

    /// <summary>A map entry's value as a nested section (for <see cref="Map{T}"/>); the caller binds its keys.</summary>
    public YamlSection EntrySection(string name, YamlNode value)
    {
        var path = Child(name);
        YamlMappingNode? mapping = value as YamlMappingNode;
        if (mapping is null && !IsNull(value))
            Error(path, $"expected a mapping of keys, got {Describe(value, name)}", value);
        var section = new YamlSection(_file, _sink, path, mapping);
        _children.Add(section);
        return section;
    }

    /// <summary>Reports every key nobody asked for, here and in every section below.</summary>
    public void Finish()
    {
        foreach (var (name, keyNode, value) in _entries)
        {
            if (_known.Contains(name))
                continue;
            var path = Child(name);
            var unsupported = UnsupportedKeys.Match(_file, path);
            if (unsupported is not null)
            {
                foreach (var (leafPath, leaf) in Leaves(path, value))
                    _sink.Warning(_file, leafPath, unsupported, leaf.Start.Line);
                continue;
            }
            var what = Path.Length == 0 ? "unknown section" : "unknown key";
            _sink.Error(_file, path, $"{what}; {KeySuggester.Hint(name, _known)}", keyNode.Start.Line);
        }
        foreach (var child in _children)
            child.Finish();
    }

    public void Error(string path, string message, YamlNode? at = null) => _sink.Error(_file, path, message, at?.Start.Line);

    public YamlNode? Find(string key) => _entries.Find(e => e.Name == key).Value;

    public string Child(string key) => Path.Length == 0 ? SafeName(key) : $"{Path}.{SafeName(key)}";

    // Never print a key name that itself looks like a secret (the secret scanner reports it).
    private static string SafeName(string key) => SecretDetector.LooksLikeSecret(key) ? "<redacted>" : key;

    private YamlNode? Take(string key)
    {
        if (!_known.Contains(key))
            _known.Add(key);
        return Find(key);
    }

    private IReadOnlyList<string> ListOf(YamlNode node, string path, string key, IReadOnlyList<string> @default, Func<string, string?>? itemRule)
    {
        if (IsNull(node))
            return [];
        if (node is not YamlSequenceNode sequence)
        {
            Error(path, $"expected a list, got {Describe(node, key)}", node);
            return @default;
        }
        var items = new List<string>();
        var index = 0;
        foreach (var item in sequence.Children)
        {
            var value = Convert<string?>(item, $"{path}[{index}]", key, null, "a text value", TryNullableString, itemRule is null ? null : v => itemRule(v!));
            if (value is not null)
                items.Add(value);
            index++;
        }
        return items;
    }

    private T Scalar<T>(string key, T @default, string expected, TryParse<T> parse, Func<T, string?>? rule)
    {
        var node = Take(key);
        if (node is null)
            return @default;
        return Convert(node, Child(key), key, @default, expected, parse, rule);
    }

    private delegate bool TryParse<T>(YamlScalarNode scalar, out T value);

    private T Convert<T>(YamlNode node, string path, string key, T @default, string expected, TryParse<T> parse, Func<T, string?>? rule)
    {
        if (node is not YamlScalarNode scalar)
        {
            Error(path, $"expected {expected}, got {Describe(node, key)}", node);
            return @default;
        }
        if (IsNull(scalar) && typeof(T) != typeof(string) && Nullable.GetUnderlyingType(typeof(T)) is null)
        {
            Error(path, $"a value is required ({expected})", node);
            return @default;
        }
        if (!parse(scalar, out var value))
        {
            Error(path, $"expected {expected}, got {Describe(node, key)}", node);
            return @default;
        }
        var complaint = rule?.Invoke(value);
        if (complaint is not null)
        {
            Error(path, $"{complaint}, got {Describe(node, key)}", node);
            return @default;
        }
        return value;
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } s
        && (s.Value is null || s.Value.Length == 0 || s.Value is "~" or "null" or "Null" or "NULL");

    private static bool IsPlain(YamlScalarNode s) => s.Style is ScalarStyle.Plain or ScalarStyle.Any;

    private static bool TryDecimal(YamlScalarNode s, out decimal value)
    {
        value = 0;
        return IsPlain(s) && s.Value is { } text
            && decimal.TryParse(text.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryDouble(YamlScalarNode s, out double value)
    {
        value = 0;
        return IsPlain(s) && s.Value is { } text
            && double.TryParse(text.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    private static bool TryLong(YamlScalarNode s, out long value)
    {
        value = 0;
        return IsPlain(s) && s.Value is { } text
            && long.TryParse(text.Replace("_", ""), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryInt32(YamlScalarNode s, out long value) => TryLong(s, out value) && value is >= int.MinValue and <= int.MaxValue;

    private static bool TryBool(YamlScalarNode s, out bool value)
    {
        value = false;
        if (!IsPlain(s) || s.Value is null)
            return false;
        if (s.Value.Equals("true", StringComparison.OrdinalIgnoreCase)) { value = true; return true; }
        if (s.Value.Equals("false", StringComparison.OrdinalIgnoreCase)) { value = false; return true; }
        return false;
    }

    private static bool TryString(YamlScalarNode s, out string value)
    {
        value = s.Value ?? "";
        return !IsNull(s);
    }

    private static bool TryNullableString(YamlScalarNode s, out string? value)
    {
        value = s.Value;
        return !IsNull(s);
    }

    private static bool TryDate(YamlScalarNode s, out DateOnly? value)
    {
        value = null;
        if (s.Value is null || !DateOnly.TryParseExact(s.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return false;
        value = date;
        return true;
    }

    private string OneOfMessage(string value, string[] allowed, string key, YamlNode node, bool orNull = false)
    {
        var closest = allowed.FirstOrDefault(a => a.Equals(value, StringComparison.OrdinalIgnoreCase)) ?? KeySuggester.Closest(value, allowed);
        var hint = closest is null ? "" : $"; did you mean '{closest}'?";
        var choices = string.Join(", ", allowed) + (orNull ? " or null" : "");
        return $"must be one of {choices}, got {Describe(node, key)}{hint}";
    }

    /// <summary>What was found, for a message: a short quoted value, or only its shape when it could be a secret.</summary>
    private string Describe(YamlNode node, string key) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s when IsNull(s) => "nothing (null)",
        YamlScalarNode s when SecretDetector.LooksLikeSecret(s.Value) || SecretDetector.IsSecretKeyName(key)
                              || Path.StartsWith("secrets", StringComparison.Ordinal) => "a value (not shown)",
        YamlScalarNode s => s.Value!.Length <= 40 ? $"'{s.Value}'" : $"'{s.Value[..37]}…'",
        _ => "an unexpected node",
    };

    private IEnumerable<(string Path, YamlNode Node)> Leaves(string path, YamlNode node)
    {
        if (node is YamlMappingNode { Children.Count: > 0 } mapping)
        {
            foreach (var (key, value) in mapping.Children)
            {
                var name = key is YamlScalarNode { Value: { } n } ? SafeName(n) : "?";
                foreach (var leaf in Leaves($"{path}.{name}", value))
                    yield return leaf;
            }
        }
        else
        {
            yield return (path, node);
        }
    }
}
