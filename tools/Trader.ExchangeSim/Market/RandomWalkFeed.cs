namespace Trader.ExchangeSim.Market;

/// <summary>Moves every product's book on a seeded random walk, one step per period of the simulator's clock.</summary>
internal sealed class RandomWalkFeed : IDisposable
{
    private readonly Random _random;
    private readonly Venue _venue;
    private readonly ITimer _timer;

    public RandomWalkFeed(Venue venue, int seed, TimeSpan step)
    {
        _venue = venue;
        _random = new Random(seed);
        venue.RandomWalkStep(_random);
        _timer = venue.Clock.CreateTimer(_ => { lock (_random) _venue.RandomWalkStep(_random); }, null, step, step);
    }

    public void Dispose() => _timer.Dispose();
}
