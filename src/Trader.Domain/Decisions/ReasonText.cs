using System.Diagnostics;

namespace Trader.Domain.Decisions;

/// <summary>
/// A reason the decision gives (a trigger's, a proposal's, a rejection's detail), written when first read. Live's
/// journal reads every one; a backtest counts hundreds of thousands of rejections by code and reads the text of
/// the few that became trades, so formatting the rest would be most of its cost (docs/BACKTEST.md "Speed").
/// Equality is by text. The writer gets its values as <c>state</c>, copied when the decision is made, so reading
/// later gives the text of that moment. Safe to read from several threads: racing readers write the same text.
/// </summary>
public abstract class ReasonText : IEquatable<ReasonText>
{
    private string? _text;

    private ReasonText(string? text) => _text = text;

    public static ReasonText Of(string text) => new Written(text ?? throw new ArgumentNullException(nameof(text)));

    /// <summary>The text <paramref name="write"/> makes of <paramref name="state"/> when first read.</summary>
    /// <remarks>One object holds the state and the writer (no closure and delegate per reason): a backtest makes one per refusal.</remarks>
    public static ReasonText Later<TState>(TState state, Func<TState, string> write) => new Deferred<TState>(state, write);

    public override string ToString() => _text ??= Write();

    /// <summary>Called at most once per reader race, only while no text is held.</summary>
    private protected abstract string Write();

    public bool Equals(ReasonText? other) => other is not null && string.Equals(ToString(), other.ToString(), StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as ReasonText);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    public static implicit operator ReasonText(string text) => Of(text);

    private sealed class Written(string text) : ReasonText(text)
    {
        private protected override string Write() => throw new UnreachableException("a written reason always holds its text");
    }

    private sealed class Deferred<TState>(TState state, Func<TState, string> write) : ReasonText(null)
    {
        private protected override string Write() => write(state);
    }
}
