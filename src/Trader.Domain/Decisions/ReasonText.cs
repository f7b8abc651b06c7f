namespace Trader.Domain.Decisions;

/// <summary>
/// A reason the decision gives (a trigger's, a proposal's, a rejection's detail), written when first read. Live's
/// journal reads every one; a backtest counts hundreds of thousands of rejections by code and reads the text of
/// the few that became trades, so formatting the rest would be most of its cost (docs/BACKTEST.md "Speed").
/// Equality is by text. The writer gets its values as <c>state</c>, copied when the decision is made, so reading
/// later gives the text of that moment. Safe to read from several threads: racing readers write the same text.
/// </summary>
public sealed class ReasonText : IEquatable<ReasonText>
{
    private readonly Func<string>? _write;
    private string? _text;

    private ReasonText(string? text, Func<string>? write)
    {
        _text = text;
        _write = write;
    }

    public static ReasonText Of(string text) => new(text ?? throw new ArgumentNullException(nameof(text)), null);

    /// <summary>The text <paramref name="write"/> makes of <paramref name="state"/> when first read.</summary>
    public static ReasonText Later<TState>(TState state, Func<TState, string> write) => new(null, () => write(state));

    public override string ToString() => _text ??= _write!();

    public bool Equals(ReasonText? other) => other is not null && string.Equals(ToString(), other.ToString(), StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as ReasonText);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    public static implicit operator ReasonText(string text) => Of(text);
}
