using System.Text;

namespace Trader.Coinbase.Parsing;

/// <summary>
/// Interns short strings that repeat on every frame (product ids, currencies): a lookup by the UTF-8 bytes
/// returns the one string instance, so a steady-state frame allocates no string for its product. Bounded, so
/// garbage input cannot grow it without limit; past the bound it simply allocates.
/// </summary>
internal sealed class Utf8StringPool
{
    private const int MaxInternedLength = 64;
    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _capacity;

    public Utf8StringPool(int capacity = 4096)
    {
        _capacity = capacity;
        _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _strings.Count;

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxInternedLength) return Encoding.UTF8.GetString(utf8);
        Span<char> chars = stackalloc char[MaxInternedLength];
        var n = Encoding.UTF8.GetChars(utf8, chars);
        var key = chars[..n];
        if (_lookup.TryGetValue(key, out var existing)) return existing;
        var created = new string(key);
        if (_strings.Count < _capacity) _strings.Add(created);
        return created;
    }
}
