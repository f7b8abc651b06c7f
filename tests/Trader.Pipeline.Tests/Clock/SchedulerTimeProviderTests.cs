using System.Reactive.Linq;
using Polly;
using Polly.Retry;
using Trader.Pipeline.Clock;
using Trader.Testing;

namespace Trader.Pipeline.Tests.Clock;

/// <summary>
/// The one clock (DESIGN.md §3): timers, Task.Delay, CancellationTokenSource, Polly delays and Rx operators
/// fire at their exact virtual due time while the virtual clock advances.
/// </summary>
public sealed class SchedulerTimeProviderTests
{
    [Fact]
    public void Now_and_timestamps_follow_the_scheduler()
    {
        var clock = VirtualTime.Create();
        var time = clock.TimeProvider;
        var t0 = time.GetTimestamp();

        clock.AdvanceBy(TimeSpan.FromMilliseconds(1500));

        Assert.Equal(VirtualTime.Epoch.AddMilliseconds(1500), time.GetUtcNow());
        Assert.Equal(TimeSpan.FromMilliseconds(1500), time.GetElapsedTime(t0));
    }

    [Fact]
    public void Timer_fires_at_its_due_time_and_then_every_period()
    {
        var clock = VirtualTime.Create();
        var fired = new List<DateTimeOffset>();
        using var timer = clock.TimeProvider.CreateTimer(_ => fired.Add(clock.Now), null, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2));

        clock.AdvanceBy(TimeSpan.FromSeconds(10));

        Assert.Equal(
            new[] { 3, 5, 7, 9 }.Select(s => VirtualTime.Epoch.AddSeconds(s)),
            fired);
    }

    [Fact]
    public void Timer_change_and_dispose_cancel_pending_callbacks()
    {
        var clock = VirtualTime.Create();
        var fired = new List<DateTimeOffset>();
        var timer = clock.TimeProvider.CreateTimer(_ => fired.Add(clock.Now), null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);

        clock.AdvanceBy(TimeSpan.FromSeconds(1));
        timer.Change(TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        clock.AdvanceBy(TimeSpan.FromSeconds(10));
        Assert.Equal([VirtualTime.Epoch.AddSeconds(11)], fired);

        timer.Change(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        timer.Dispose();
        clock.AdvanceBy(TimeSpan.FromSeconds(5));
        Assert.Single(fired);
    }

    [Fact]
    public async Task Task_Delay_completes_exactly_at_its_virtual_due_time()
    {
        var clock = VirtualTime.Create();
        var delay = Task.Delay(TimeSpan.FromSeconds(5), clock.TimeProvider); // realtime-ok: on the virtual clock, advanced below

        clock.AdvanceBy(TimeSpan.FromMilliseconds(4999));
        Assert.False(delay.IsCompleted);

        clock.AdvanceBy(TimeSpan.FromMilliseconds(1));
        await delay.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System);
        Assert.Equal(VirtualTime.Epoch.AddSeconds(5), clock.Now);
    }

    [Fact]
    public void CancellationTokenSource_cancels_at_its_virtual_due_time()
    {
        var clock = VirtualTime.Create();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10), clock.TimeProvider);
        DateTimeOffset? cancelledAt = null;
        cts.Token.Register(() => cancelledAt = clock.Now);

        clock.AdvanceBy(TimeSpan.FromSeconds(9));
        Assert.Null(cancelledAt);
        clock.AdvanceBy(TimeSpan.FromSeconds(2));

        Assert.Equal(VirtualTime.Epoch.AddSeconds(10), cancelledAt);
    }

    [Fact]
    public async Task Polly_retry_delays_land_on_the_virtual_clock()
    {
        var clock = VirtualTime.Create();
        var attempts = new List<DateTimeOffset>();
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = clock.TimeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = 2,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(200),
                UseJitter = false,
                ShouldHandle = new PredicateBuilder().Handle<InvalidOperationException>(),
            })
            .Build();

        var run = pipeline.ExecuteAsync(_ =>
        {
            attempts.Add(clock.Now);
            if (attempts.Count < 3) throw new InvalidOperationException("transient");
            return ValueTask.CompletedTask;
        }).AsTask();

        await VirtualTime.DriveUntilAsync(clock, () => run.IsCompleted, TimeSpan.FromSeconds(5));
        await run;

        Assert.Equal(
            [VirtualTime.Epoch, VirtualTime.Epoch.AddMilliseconds(200), VirtualTime.Epoch.AddMilliseconds(600)],
            attempts);
    }

    [Fact]
    public void Rx_operators_fire_at_exact_virtual_times()
    {
        var clock = VirtualTime.Create();
        var ticks = new List<DateTimeOffset>();
        var throttled = new List<DateTimeOffset>();

        using var interval = Observable.Interval(TimeSpan.FromSeconds(1), clock).Take(3).Subscribe(_ => ticks.Add(clock.Now));
        using var timeout = Observable.Never<int>().Timeout(TimeSpan.FromSeconds(5), clock)
            .Subscribe(_ => { }, _ => throttled.Add(clock.Now));

        clock.AdvanceBy(TimeSpan.FromSeconds(10));

        Assert.Equal(new[] { 1, 2, 3 }.Select(s => VirtualTime.Epoch.AddSeconds(s)), ticks);
        Assert.Equal([VirtualTime.Epoch.AddSeconds(5)], throttled);
    }

    [Fact]
    public void Timers_and_Rx_share_one_timeline_in_due_order()
    {
        var clock = VirtualTime.Create();
        var order = new List<string>();
        using var timer = clock.TimeProvider.CreateTimer(_ => order.Add("timer@2"), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);
        using var rx1 = Observable.Timer(TimeSpan.FromSeconds(1), clock).Subscribe(_ => order.Add("rx@1"));
        using var rx3 = Observable.Timer(TimeSpan.FromSeconds(3), clock).Subscribe(_ => order.Add("rx@3"));

        clock.AdvanceBy(TimeSpan.FromSeconds(5));

        Assert.Equal(["rx@1", "timer@2", "rx@3"], order);
    }
}
