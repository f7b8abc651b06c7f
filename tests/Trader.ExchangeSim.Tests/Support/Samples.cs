using System.Text.Json.Nodes;
using Trader.Testing;

namespace Trader.ExchangeSim.Tests.Support;

/// <summary>The shared wire-format samples (../shared/coinbase/samples), for comparing field names.</summary>
public static class Samples
{
    public static JsonObject Load(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Samples, name)))!.AsObject();

    /// <summary>Asserts every field name of <paramref name="sample"/> (recursively through objects and the first array
    /// element) exists in <paramref name="actual"/>.</summary>
    public static void AssertHasFieldsOf(JsonNode? sample, JsonNode? actual, string path = "$")
    {
        switch (sample)
        {
            case JsonObject expected:
                var obj = Assert.IsType<JsonObject>(actual, exactMatch: false);
                foreach (var (name, value) in expected)
                {
                    Assert.True(obj.ContainsKey(name), $"{path}.{name} missing; has {string.Join(",", obj.Select(p => p.Key))}");
                    if (value is JsonValue leaf && obj[name] is JsonValue mine)
                        Assert.True(Kind(leaf) == Kind(mine), $"{path}.{name}: sample is {leaf.GetValueKind()}, simulator sends {mine.GetValueKind()}");
                    if (name == "order_configuration") continue; // the order type differs between sample and test
                    if (value is JsonObject || (value is JsonArray a && a.Count > 0 && obj[name] is JsonArray b && b.Count > 0))
                        AssertHasFieldsOf(value, obj[name], $"{path}.{name}");
                }
                break;
            case JsonArray array when array.Count > 0:
                AssertHasFieldsOf(array[0], Assert.IsType<JsonArray>(actual)[0], path + "[0]");
                break;
        }
    }

    private static System.Text.Json.JsonValueKind Kind(JsonValue value) =>
        value.GetValueKind() is System.Text.Json.JsonValueKind.False ? System.Text.Json.JsonValueKind.True : value.GetValueKind();
}
