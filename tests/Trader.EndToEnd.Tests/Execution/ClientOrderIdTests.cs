using System.Text.RegularExpressions;
using Trader.Host.Execution;
using Trader.Testing;

namespace Trader.EndToEnd.Tests.Execution;

public sealed class ClientOrderIdTests
{
    [Fact]
    [Trait("Req", "REQ-X1")]
    public void Ids_follow_botId_symbol_ms_nonce_and_a_restart_with_the_same_random_draws_still_never_reuses_one()
    {
        var clock = VirtualTime.Create();
        var registry = new HashSet<string>();
        var first = new ClientOrderIdGenerator("trdr", clock.TimeProvider, registry.Contains, new Random(1));
        var id = first.Next("BTC-USD");
        Assert.Matches(new Regex("^trdr-BTCUSD-1736164800000-[0-9a-f]{6}$"), id);
        Assert.True(id.Length <= ClientOrderIdGenerator.MaxLength);
        registry.Add(id);

        // A "restarted" generator at the same millisecond with the same random sequence: the registry check moves it on.
        var restarted = new ClientOrderIdGenerator("trdr", clock.TimeProvider, registry.Contains, new Random(1));
        var next = restarted.Next("BTC-USD");
        Assert.NotEqual(id, next);
        Assert.StartsWith("trdr-BTCUSD-1736164800000-", next);

        var longest = new ClientOrderIdGenerator(new string('b', 32), clock.TimeProvider, _ => false).Next(new string('X', 60) + "-USD");
        Assert.True(longest.Length <= ClientOrderIdGenerator.MaxLength, longest);
        Assert.Throws<ArgumentException>(() => new ClientOrderIdGenerator("bad-id", clock.TimeProvider, _ => false));
    }
}
