using System.Runtime.CompilerServices;

namespace Trader.Domain.Market;

/// <summary>
/// Numbers the product ids of one owner 0, 1, 2, … in the order they are added, and finds an id's number by the
/// identity of its string first. The ids a decision cycle looks up are the same few string instances every minute
/// (the configuration's, the data's), dozens of times per cycle, and comparing references costs a fraction of
/// hashing and comparing characters. An instance seen for the first time is found by its characters once and then
/// remembered (so is an id that was never added), up to a bound, so ids built afresh for every call still work, only
/// without the shortcut. Not thread-safe: one owner.
/// </summary>
public sealed class ProductIdIndex
{
    private const int MaxRemembered = 1024;
    private const int Unknown = -1;

    private readonly Dictionary<string, int> _byCharacters = new(StringComparer.Ordinal);
    // Open addressing on the identity hash: slot → string instance and its number (Unknown for an id never added).
    private string?[] _instances = new string?[16];
    private int[] _numbers = new int[16];
    private int _remembered;

    public int Count => _byCharacters.Count;

    /// <summary>The number of <paramref name="productId"/>, added as the next one when new.</summary>
    public int Add(string productId)
    {
        if (IndexOf(productId) is var known and >= 0) return known;
        var number = _byCharacters.Count;
        _byCharacters.Add(productId, number);
        // Instances remembered as never added may be this id: forget them all (adding is rare, looking up is not).
        Array.Clear(_instances);
        _remembered = 0;
        Remember(productId, number);
        return number;
    }

    /// <summary>The number of <paramref name="productId"/>, or −1 when it was never added.</summary>
    public int IndexOf(string productId)
    {
        var mask = _instances.Length - 1;
        for (var slot = RuntimeHelpers.GetHashCode(productId) & mask; ; slot = (slot + 1) & mask)
        {
            var instance = _instances[slot];
            if (ReferenceEquals(instance, productId)) return _numbers[slot];
            if (instance is null) break;
        }
        var number = _byCharacters.TryGetValue(productId, out var found) ? found : Unknown;
        Remember(productId, number);
        return number;
    }

    private void Remember(string instance, int number)
    {
        if (_remembered >= MaxRemembered) return;
        if ((_remembered + 1) * 2 > _instances.Length) Grow();
        Place(_instances, _numbers, instance, number);
        _remembered++;
    }

    private void Grow()
    {
        var instances = new string?[_instances.Length * 2];
        var numbers = new int[instances.Length];
        for (var i = 0; i < _instances.Length; i++)
            if (_instances[i] is { } instance) Place(instances, numbers, instance, _numbers[i]);
        (_instances, _numbers) = (instances, numbers);
    }

    private static void Place(string?[] instances, int[] numbers, string instance, int number)
    {
        var mask = instances.Length - 1;
        var slot = RuntimeHelpers.GetHashCode(instance) & mask;
        while (instances[slot] is not null) slot = (slot + 1) & mask;
        (instances[slot], numbers[slot]) = (instance, number);
    }
}
