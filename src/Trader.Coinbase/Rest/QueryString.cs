using System.Globalization;
using System.Text;

namespace Trader.Coinbase.Rest;

/// <summary>Builds <c>?a=1&amp;b=x&amp;b=y</c>: array parameters repeat the key, as Coinbase expects.</summary>
internal sealed class QueryString
{
    private readonly StringBuilder _text = new();

    public QueryString Add(string key, string? value)
    {
        if (value is null) return this;
        _text.Append(_text.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
        return this;
    }

    public QueryString Add(string key, long? value) => Add(key, value?.ToString(CultureInfo.InvariantCulture));

    public QueryString AddAll(string key, IEnumerable<string>? values)
    {
        if (values is null) return this;
        foreach (var value in values) Add(key, value);
        return this;
    }

    public override string ToString() => _text.ToString();
}
