using CsCheck;
using Trader.Domain.Market;

namespace Trader.Domain.Tests.Market;

public sealed class ProductIdIndexTests
{
    [Fact]
    public void Numbers_products_in_the_order_added_and_finds_them_by_characters_whatever_the_string_instance()
    {
        var index = new ProductIdIndex();
        Assert.Equal(0, index.Add("BTC-USD"));
        Assert.Equal(1, index.Add("ETH-USD"));
        Assert.Equal(0, index.Add(Fresh("BTC-USD")));
        Assert.Equal(2, index.Count);

        // Another instance of the same characters, the first time and every time after it is remembered.
        var eth = Fresh("ETH-USD");
        Assert.Equal(1, index.IndexOf(eth));
        Assert.Equal(1, index.IndexOf(eth));
        Assert.Equal(-1, index.IndexOf("eth-usd"));
        Assert.Equal(-1, index.IndexOf(""));
    }

    [Fact]
    public void An_id_looked_up_before_it_was_added_is_found_once_it_is()
    {
        var index = new ProductIdIndex();
        index.Add("BTC-USD");
        var sol = Fresh("SOL-USD");
        Assert.Equal(-1, index.IndexOf(sol));
        Assert.Equal(-1, index.IndexOf(sol));
        Assert.Equal(1, index.Add(Fresh("SOL-USD")));
        Assert.Equal(1, index.IndexOf(sol));
    }

    [Fact]
    public void Agrees_with_a_dictionary_for_any_mix_of_adds_and_lookups_past_the_bound_of_remembered_instances()
    {
        // Ids drawn from a small set, each call with a new instance half the time: past 1,024 remembered instances the
        // shortcut stops growing and every answer must still be the dictionary's.
        Gen.Select(Gen.Int[0, 40], Gen.Bool, Gen.Bool).Array[1, 3000].Sample(steps =>
        {
            var index = new ProductIdIndex();
            var expected = new Dictionary<string, int>(StringComparer.Ordinal);
            var interned = Enumerable.Range(0, 41).Select(i => $"P{i}-USD").ToArray();
            foreach (var (id, add, fresh) in steps)
            {
                var key = fresh ? Fresh(interned[id]) : interned[id];
                if (add)
                {
                    if (!expected.ContainsKey(key)) expected[key] = expected.Count;
                    Assert.Equal(expected[key], index.Add(key));
                }
                else Assert.Equal(expected.GetValueOrDefault(key, -1), index.IndexOf(key));
            }
            Assert.Equal(expected.Count, index.Count);
        }, iter: 200);
    }

    private static string Fresh(string id) => new(id.AsSpan());
}
