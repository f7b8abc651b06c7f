using Trader.Testing;

namespace Trader.Coinbase.Tests.Parsing;

/// <summary>The recorded and documented frames in ../shared/coinbase/samples.</summary>
internal static class Samples
{
    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(RepoPaths.Samples, name));

    public static IEnumerable<string> WsFrames() =>
        Directory.GetFiles(RepoPaths.Samples, "ws-*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    /// <summary>A sample as one line (the way frames arrive and captures store them).</summary>
    public static byte[] Compact(string name) =>
        System.Text.Encoding.UTF8.GetBytes(System.Text.Json.Nodes.JsonNode.Parse(Bytes(name))!.ToJsonString());
}
