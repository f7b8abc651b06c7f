using Trader.Host.Configuration;
using YamlDotNet.RepresentationModel;

namespace Trader.Host.Secrets;

/// <summary>
/// REQ-SEC1: refuses any value anywhere in a config file that looks like a credential, and any secret-named key
/// (<c>api_key</c>, <c>api_secret</c>, …) that holds something other than an environment reference <c>${NAME}</c>.
/// Problems name the file and key path and what the value looks like, never the value.
/// </summary>
internal static class ConfigSecretScanner
{
    private const string Advice = "secrets are never read from config (REQ-SEC1); put the key in the environment variable named by "
        + "secrets.private_key_env (or a file named by secrets.private_key_file_env) and rotate it, it may have leaked";

    public static void Scan(string file, YamlNode root, ProblemSink sink) => Walk(file, "", "", root, sink);

    private static void Walk(string file, string path, string keyName, YamlNode node, ProblemSink sink)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    var name = (key as YamlScalarNode)?.Value ?? "?";
                    var kind = SecretDetector.Describe(name);
                    if (kind is not null)
                    {
                        sink.Error(file, Join(path, "<redacted>"), $"a key name looks like {kind}; {Advice}", key.Start.Line);
                        name = "<redacted>";
                    }
                    Walk(file, Join(path, name), name, value, sink);
                }
                break;
            case YamlSequenceNode sequence:
                var index = 0;
                foreach (var item in sequence.Children)
                    Walk(file, $"{path}[{index++}]", keyName, item, sink);
                break;
            case YamlScalarNode { Value: { Length: > 0 } value } scalar:
                var looksLike = SecretDetector.Describe(value);
                if (looksLike is not null)
                    sink.Error(file, path, $"value looks like {looksLike}; {Advice}", scalar.Start.Line);
                else if (SecretDetector.IsSecretKeyName(keyName) && !SecretDetector.IsEnvironmentReference(value) && !IsNullWord(value))
                    sink.Error(file, path, $"holds a value; only an environment reference like ${{NAME}} is allowed here; {Advice}", scalar.Start.Line);
                break;
        }
    }

    private static bool IsNullWord(string value) => value is "~" or "null" or "Null" or "NULL";

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
