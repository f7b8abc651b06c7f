namespace Trader.EndToEnd.Tests.Live;

/// <summary>Bounded real-time polling of a condition on a real child process or the simulator.</summary>
public static class Eventually
{
    public static async Task<bool> TrueAsync(Func<bool> condition, TimeSpan timeout)
    {
#pragma warning disable RS0030 // tests/: waiting on a real process
        var deadline = TimeProvider.System.GetTimestamp() + (long)(timeout.TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (TimeProvider.System.GetTimestamp() < deadline)
        {
            if (condition()) return true;
            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System); // realtime-ok: polling a real child process and the simulator
        }
#pragma warning restore RS0030
        return condition();
    }
}
