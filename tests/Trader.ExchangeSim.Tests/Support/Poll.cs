namespace Trader.ExchangeSim.Tests.Support;

/// <summary>Waits (in real time, bounded, without sleeping) for work on other threads to reach a state.</summary>
public static class Poll
{
    public static async Task UntilAsync(Func<bool> condition, string what, double seconds = 10)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)(TimeProvider.System.TimestampFrequency * seconds);
        while (!condition())
        {
            if (TimeProvider.System.GetTimestamp() > deadline) throw new TimeoutException("timed out waiting for " + what);
            await Task.Yield();
        }
    }
}
