namespace Trader.Coinbase.Rest;

/// <summary>The non-generic face of <see cref="RestResult{T}"/>, for the retry predicate.</summary>
public interface IRestResult
{
    RestFailure? Failure { get; }
}
