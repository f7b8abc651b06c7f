using CsCheck;
using Trader.Coinbase.Rest;
using Trader.Coinbase.Retry;
using Trader.Coinbase.Tests.Rest;
using Trader.Testing;

namespace Trader.Coinbase.Tests.Retry;

/// <summary>
/// REQ-CB1 on idempotent calls, in virtual time against a real local server that answers 429/503 N times:
/// each attempt's timestamp, every gap within [0, min(5 s, 0.2 s·2^(n−1))], the gaps equal to the seeded draws,
/// never more than six attempts.
/// </summary>
public sealed class RestRetryPolicyTests
{
    private const int Seed = 20260401;

    [Theory]
    [Trait("Req", "REQ-CB1")]
    [InlineData(429, 0)]
    [InlineData(429, 1)]
    [InlineData(429, 3)]
    [InlineData(503, 2)]
    [InlineData(503, 5)]
    [InlineData(429, 6)]
    [InlineData(503, 9)]
    public async Task Server_failing_N_times_gets_full_jitter_waits_from_the_seed_and_at_most_six_attempts(int status, int failures)
    {
        var clock = VirtualTime.Create();
        await using var server = await ScriptedServer.StartAsync(clock, r => r.Index <= failures
            ? (r.Index % 2 == 0 && status == 429 ? ScriptedReply.Sample("rest-error-429-rate-limit.json", 429) : ScriptedReply.Empty(status))
            : ScriptedReply.Sample("rest-server-time.json"));
        using var test = new TestClient(clock, server.BaseUri, seed: Seed);
        var start = clock.Now;

        var result = await ClockDriver.RunAsync(clock, () => test.Client.GetServerTimeAsync());

        var attempts = server.Requests.Select(r => r.At).ToList();
        var expectedAttempts = Math.Min(failures + 1, 6);
        Assert.Equal(expectedAttempts, attempts.Count);
        Assert.Equal(start, attempts[0]);
        var gaps = Cb1.Gaps(attempts);
        Cb1.AssertWithinBounds(gaps);
        Assert.Equal(Cb1.ExpectedDelays(Seed, expectedAttempts - 1), gaps);
        Assert.Equal(gaps, test.RetryLog.Select(r => r.Delay));
        Assert.Equal(Enumerable.Range(1, expectedAttempts - 1), test.RetryLog.Select(r => r.AttemptsMade));
        if (failures < 6)
        {
            Assert.True(result.IsOk, result.ToString());
        }
        else
        {
            Assert.Equal(status == 429 ? RestFailureKind.RateLimited : RestFailureKind.ServerError, result.Failure?.Kind);
            Assert.Equal(status, result.Failure!.HttpStatus);
        }
        Assert.Equal(expectedAttempts, test.Latency.Samples.Count);
    }

    [Fact]
    [Trait("Req", "REQ-CB1")]
    public async Task Connection_refused_on_a_get_is_retried_six_times_then_reported()
    {
        var clock = VirtualTime.Create();
        using var test = new TestClient(clock, FreePort.RefusingBaseUri(), seed: Seed);
        var start = clock.Now;

        var result = await ClockDriver.RunAsync(clock, () => test.Client.ListAccountsAsync());

        Assert.Equal((RestFailureKind.Transport, false), (result.Failure?.Kind, result.Failure?.MayHaveReachedVenue));
        Assert.Equal(6, test.Latency.Samples.Count);
        Assert.All(test.Latency.Samples, s => Assert.Equal(("accounts", RestFailureKind.Transport), (s.Endpoint, s.Failure)));
        var delays = test.RetryLog.Select(r => r.Delay).ToList();
        Assert.Equal(Cb1.ExpectedDelays(Seed, 5), delays);
        Assert.Equal(start + delays.Aggregate(TimeSpan.Zero, (a, b) => a + b), clock.Now);
    }

    [Fact]
    [Trait("Req", "REQ-CB1")]
    public async Task A_timed_out_get_is_retried_after_the_timeout_plus_one_jittered_wait()
    {
        var clock = VirtualTime.Create();
        var timeout = TimeSpan.FromSeconds(30);
        await using var server = await ScriptedServer.StartAsync(clock, r => r.Index == 1 ? ScriptedReply.HangForever : ScriptedReply.Sample("rest-get-order-response.json"));
        using var test = new TestClient(clock, server.BaseUri, seed: Seed, timeout: timeout);
        var start = clock.Now;

        var result = await ClockDriver.RunAsync(clock, () => test.Client.GetOrderAsync("9bc1eb3b-5b46-4b71-9628-ae2ed0cca75b"),
            ClockDriver.RetryWaitsAndHungRequestTimeouts(clock, server, timeout));

        Assert.True(result.IsOk, result.ToString());
        var attempts = server.Requests.Select(r => r.At).ToList();
        Assert.Equal([start, start + timeout + Cb1.ExpectedDelays(Seed, 1)[0]], attempts);
        Assert.Equal(RestFailureKind.Timeout, Assert.Single(test.RetryLog).Failure.Kind);
    }

    [Fact]
    [Trait("Req", "REQ-CB1")]
    public async Task Preview_and_batch_cancel_are_idempotent_posts_and_are_retried_with_the_same_body()
    {
        var clock = VirtualTime.Create();
        await using var server = await ScriptedServer.StartAsync(clock, r => r.Index % 2 == 1
            ? ScriptedReply.Empty(502)
            : r.Path.EndsWith("/batch_cancel", StringComparison.Ordinal)
                ? ScriptedReply.Sample("rest-batch-cancel-response.json")
                : ScriptedReply.Json("""{"order_total":"10","commission_total":"0.06","errs":[],"warning":[],"preview_id":"p"}"""));
        using var test = new TestClient(clock, server.BaseUri, seed: Seed);

        var cancel = await ClockDriver.RunAsync(clock, () => test.Client.CancelOrdersAsync(["bb8851a3-4fda-4a2c-aa06-9048db0e0f0d"]));
        var preview = await ClockDriver.RunAsync(clock, () => test.Client.PreviewOrderAsync("BTC-USD", Domain.Trading.OrderSide.Buy,
            Coinbase.Rest.Orders.OrderConfiguration.MarketBuyQuote(10m)));

        Assert.True(cancel.IsOk && preview.IsOk, $"{cancel} {preview}");
        var requests = server.Requests;
        Assert.Equal(4, requests.Count);
        Assert.Equal(requests[0].Body, requests[1].Body);
        Assert.Equal(requests[2].Body, requests[3].Body);
        Cb1.AssertWithinBounds([requests[1].At - requests[0].At]);
        Cb1.AssertWithinBounds([requests[3].At - requests[2].At]);
    }

    [Fact]
    [Trait("Req", "REQ-CB1")]
    public void Backoff_cap_is_min_of_5s_and_200ms_doubling()
    {
        Assert.Equal(
            [0.2, 0.4, 0.8, 1.6, 3.2, 5.0, 5.0, 5.0],
            Enumerable.Range(1, 8).Select(n => FullJitterBackoff.Cap(n).TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(5), FullJitterBackoff.Cap(40));
    }

    [Fact]
    [Trait("Req", "REQ-CB1")]
    public void Every_draw_lies_in_zero_to_the_cap_for_any_seed_and_attempt()
    {
        Gen.Select(Gen.Int, Gen.Int[1, 30]).Sample((seed, n) =>
        {
            var delay = new FullJitterBackoff(new Random(seed)).NextDelay(n);
            return delay >= TimeSpan.Zero && delay <= Cb1.Bound(n);
        });
    }

    [Fact]
    [Trait("Req", "REQ-CB1")]
    public void Draws_spread_over_the_whole_interval_rather_than_clustering()
    {
        var backoff = new FullJitterBackoff(new Random(Seed));
        var draws = Enumerable.Range(0, 2000).Select(_ => backoff.NextDelay(3).TotalSeconds).ToList();
        // U[0, 0.8 s]: mean 0.4 s, and every fifth of the interval is hit.
        Assert.InRange(draws.Average(), 0.37, 0.43);
        Assert.All(Enumerable.Range(0, 5), bucket => Assert.Contains(draws, d => d >= bucket * 0.16 && d < (bucket + 1) * 0.16));
    }
}
