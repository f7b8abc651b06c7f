using System.Diagnostics.CodeAnalysis;

namespace Trader.Coinbase.Rest;

/// <summary>
/// The typed outcome of a REST call: either <see cref="Value"/> (Ok) or <see cref="Failure"/>. Calls never
/// throw for venue or network problems; only the caller's own cancellation surfaces as an exception.
/// </summary>
public sealed class RestResult<T> : IRestResult
{
    private readonly T? _value;

    private RestResult(T? value, RestFailure? failure)
    {
        _value = value;
        Failure = failure;
    }

    public static RestResult<T> Ok(T value) => new(value, null);

    public static RestResult<T> Fail(RestFailure failure) => new(default, failure ?? throw new ArgumentNullException(nameof(failure)));

    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsOk => Failure is null;

    public RestFailure? Failure { get; }

    /// <summary>The value; throws when the call failed (check <see cref="IsOk"/> first).</summary>
    public T Value => IsOk ? _value! : throw new InvalidOperationException("no value: " + Failure);

    [MemberNotNullWhen(false, nameof(Failure))]
    public bool TryGetValue([MaybeNullWhen(false)] out T value)
    {
        value = _value;
        return IsOk;
    }

    /// <summary>The same failure as another result type (for calls built from several requests).</summary>
    public RestResult<TOther> CastFailure<TOther>() =>
        IsOk ? throw new InvalidOperationException("the call succeeded") : RestResult<TOther>.Fail(Failure);

    public override string ToString() => IsOk ? $"Ok({_value})" : $"Fail({Failure})";
}
