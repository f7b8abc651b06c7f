using Polly;
using Polly.Retry;
using Trader.Coinbase.Rest;

namespace Trader.Coinbase.Retry;

/// <summary>
/// REQ-CB1 for idempotent calls (GETs, preview, batch cancel): a Polly.Core retry on the injected clock that
/// re-runs an attempt whose outcome is a transient <see cref="RestFailure"/> (429, 5xx, transport, timeout), at
/// most <see cref="MaxAttempts"/> attempts in total, waiting <see cref="FullJitterBackoff"/> before each new one.
/// Create-order never goes through here: see <see cref="OrderPlacer"/>.
/// </summary>
public sealed class RestRetryPolicy
{
    public const int MaxAttempts = 6;

    private readonly ResiliencePipeline _pipeline;

    public RestRetryPolicy(TimeProvider time, FullJitterBackoff backoff, Action<RetryScheduled>? onRetry = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(backoff);
        Backoff = backoff;
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = MaxAttempts - 1,
                UseJitter = false,
                BackoffType = DelayBackoffType.Constant,
                Delay = TimeSpan.Zero,
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Result is IRestResult { Failure.IsTransient: true }),
                // AttemptNumber is zero-based: after the first attempt fails it is 0, so n = AttemptNumber + 1.
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(backoff.NextDelay(args.AttemptNumber + 1)),
                OnRetry = args =>
                {
                    if (onRetry is not null && args.Outcome.Result is IRestResult { Failure: { } failure })
                        onRetry(new RetryScheduled(failure, args.AttemptNumber + 1, args.RetryDelay));
                    return default;
                },
            })
            .Build();
    }

    /// <summary>A policy on <paramref name="time"/> with an unseeded random source (production).</summary>
    public static RestRetryPolicy Create(TimeProvider time, Action<RetryScheduled>? onRetry = null) =>
        new(time, new FullJitterBackoff(new Random()), onRetry);

    public FullJitterBackoff Backoff { get; }

    /// <summary>Runs <paramref name="attempt"/> until it succeeds, fails for good, or six attempts are spent.</summary>
    public async Task<RestResult<T>> ExecuteAsync<T>(Func<CancellationToken, Task<RestResult<T>>> attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return await _pipeline.ExecuteAsync(
            static async (call, token) => await call(token).ConfigureAwait(false), attempt, cancellationToken).ConfigureAwait(false);
    }
}
