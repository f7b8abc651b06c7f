using System.Net;
using Trader.ExchangeSim.Tests.Support;

namespace Trader.ExchangeSim.Tests;

/// <summary>30 requests per second per key on private endpoints, 10 per IP on public ones, on the simulator's clock.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Private_requests_past_30_per_second_get_429_with_rate_limit_headers()
    {
        await using var sim = await SimHarness.StartAsync(seedBook: false);
        for (var i = 0; i < 30; i++)
        {
            using var ok = await sim.SendAsync(HttpMethod.Get, SimHarness.Prefix + "/accounts");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal((29 - i).ToString(), ok.Headers.GetValues("x-ratelimit-remaining").Single());
        }
        using (var limited = await sim.SendAsync(HttpMethod.Get, SimHarness.Prefix + "/accounts"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            Assert.Equal("30", limited.Headers.GetValues("x-ratelimit-limit").Single());
            Assert.Equal((sim.Clock.Now.ToUnixTimeSeconds() + 1).ToString(), limited.Headers.GetValues("x-ratelimit-reset").Single());
        }
        using (var otherKey = await sim.SendAsync(HttpMethod.Get, SimHarness.Prefix + "/accounts", ed: true))
            Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode);   // the limit is per key
        sim.Clock.AdvanceBy(TimeSpan.FromSeconds(1));
        using var again = await sim.SendAsync(HttpMethod.Get, SimHarness.Prefix + "/accounts");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Public_requests_past_10_per_second_get_429()
    {
        await using var sim = await SimHarness.StartAsync(seedBook: false);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            using var response = await sim.SendAsync(HttpMethod.Get, SimHarness.Prefix + "/time", token: "");
            statuses.Add(response.StatusCode);
        }
        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);
    }
}
