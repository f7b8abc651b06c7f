using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Trader.Host.Configuration;

/// <summary>Reads one config file into its YAML root mapping, reporting a missing file or a syntax error with its line and column.</summary>
internal static partial class YamlFileReader
{
    /// <summary>The root mapping (null for an empty file), or false when the file cannot be used.</summary>
    public static bool TryRead(string directory, string file, ProblemSink sink, out YamlMappingNode? root)
    {
        root = null;
        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
        {
            sink.Error(file, "", $"file not found in {directory}");
            return false;
        }
        var stream = new YamlStream();
        Scanner? scanner = null;
        try
        {
            using var reader = new StreamReader(path);
            scanner = new Scanner(reader, skipComments: true);
            stream.Load(new Parser(scanner));
        }
        catch (YamlException e)
        {
            sink.Error(file, $"line {e.Start.Line}, column {e.Start.Column}", "invalid YAML: " + Describe(e));
            return false;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner can fail this way on some malformed input (e.g. an unclosed flow mapping
            // followed by block content) instead of raising a YamlException; it is still a syntax error.
            var at = scanner?.CurrentPosition;
            var where = at is null ? "" : $"line {at.Value.Line}, column {at.Value.Column}";
            sink.Error(file, where, "invalid YAML: the parser could not read the file from here (check brackets, quotes and indentation)");
            return false;
        }
        catch (IOException e)
        {
            sink.Error(file, "", $"cannot be read: {e.Message}");
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            sink.Error(file, "", "cannot be read: permission denied");
            return false;
        }
        if (stream.Documents.Count > 1)
        {
            sink.Error(file, "", "holds more than one YAML document (---); give one");
            return false;
        }
        if (stream.Documents.Count == 0)
            return true;
        switch (stream.Documents[0].RootNode)
        {
            case YamlMappingNode mapping:
                root = mapping;
                return true;
            case YamlScalarNode { Value: null or "" or "~" or "null" }:
                return true;
            case var other:
                sink.Error(file, "", "the top level must be a mapping of sections (key: value)", other.Start.Line);
                return false;
        }
    }

    // YamlDotNet prefixes its messages with "(Line: 3, Col: 5, Idx: 20) - (Line: …): "; the position is already in the key path.
    private static string Describe(YamlException e)
    {
        var innermost = e.InnerException is YamlException inner ? inner.Message : e.Message;
        return Position().Replace(innermost, "").Trim();
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex Position();
}
