using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Trader.Domain.Config;
using Trader.Host.ClockSync;
using Trader.Pipeline.Clock;
using Trader.State.Storage;
using Trader.Testing;

namespace Trader.Host.Tests.ClockSync;

/// <summary>The SNTP check against a real UDP responder on 127.0.0.1 whose time is the virtual clock plus a chosen offset.</summary>
[Trait("Req", "REQ-TIME1")]
public sealed class ClockSyncCheckerTests : IDisposable
{
    private readonly VirtualClock _clock = VirtualTime.Create();
    private readonly TempDir _dir = new("trader-clock-");
    private readonly StateStore _store;
    private readonly List<IDisposable> _owned = [];

    public ClockSyncCheckerTests() => _store = StateStore.Open(_dir.File("state.db"));

    private SntpResponder Responder(double offsetMs)
    {
        var responder = new SntpResponder(() => _clock.Now, TimeSpan.FromMilliseconds(offsetMs));
        _owned.Add(responder);
        return responder;
    }

    private ClockSyncChecker Checker(params string[] servers) =>
        ClockSyncChecker.Create(new ClockSection { NtpServers = servers, MaxDriftMs = 100 }, _clock.TimeProvider, _store.Evidence);

    /// <summary>
    /// Runs a check; once <paramref name="answering"/> readings are in, advances the virtual clock so the silent
    /// servers' timeouts fire (advancing earlier would time out answers still on their way over UDP).
    /// </summary>
    private async Task<ClockCheck> CheckAsync(ClockSyncChecker checker, int answering)
    {
        var readings = 0;
        var allAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        checker.ReadingReceived += _ => { if (Interlocked.Increment(ref readings) >= answering) allAnswered.TrySetResult(); };
        var task = checker.CheckAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        if (answering > 0) await allAnswered.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await VirtualTime.DriveUntilAsync(_clock, () => task.IsCompleted, TimeSpan.FromSeconds(10));
        return await task;
    }

    [Fact]
    public async Task A_clock_in_sync_passes_and_the_check_is_recorded_as_evidence()
    {
        var responder = Responder(3);

        var check = await Checker(responder.Server).CheckAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(check.InSync, check.Summary);
        Assert.Equal(3.0, check.Offset!.Value.TotalMilliseconds, precision: 3);
        var reading = Assert.Single(check.Readings);
        Assert.Equal(2, reading.Stratum);
        Assert.Equal(TimeSpan.Zero, reading.RoundTrip);
        Assert.Equal(1, responder.Requests);

        var evidence = Assert.Single(_store.Evidence.OfKind("clock_check"));
        Assert.Equal(VirtualTime.Epoch, evidence.Ts);
        var payload = JsonDocument.Parse(evidence.PayloadJson).RootElement;
        Assert.True(payload.GetProperty("in_sync").GetBoolean());
        Assert.Equal(3.0, payload.GetProperty("offset_ms").GetDouble(), precision: 3);
        Assert.Equal(100, payload.GetProperty("max_drift_ms").GetDouble());
        Assert.Equal(responder.Server, payload.GetProperty("servers")[0].GetProperty("server").GetString());
    }

    [Theory]
    [InlineData(150, false)]
    [InlineData(-150, false)]
    [InlineData(100, false)]
    [InlineData(99, true)]
    [InlineData(-99, true)]
    public async Task Drift_at_or_above_100_ms_either_way_is_out_of_sync(double offsetMs, bool inSync)
    {
        var responder = Responder(offsetMs);

        var check = await Checker(responder.Server).CheckAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(inSync, check.InSync);
        Assert.Equal(offsetMs, check.Offset!.Value.TotalMilliseconds, precision: 3);
        if (!inSync)
        {
            Assert.Contains($"{Math.Abs(offsetMs)} ms {(offsetMs > 0 ? "behind" : "ahead of")} NTP time", check.Problem);
            Assert.False(JsonDocument.Parse(_store.Evidence.Latest("clock_check")!.PayloadJson).RootElement.GetProperty("in_sync").GetBoolean());
        }
    }

    [Fact]
    public async Task No_answer_within_the_timeout_on_the_clock_is_out_of_sync()
    {
        var responder = Responder(0);
        responder.Silent = true;

        var check = await CheckAsync(Checker(responder.Server), answering: 0);

        Assert.False(check.InSync);
        Assert.Null(check.Offset);
        Assert.Equal(VirtualTime.Epoch + SntpClient.DefaultTimeout, _clock.Now);
        Assert.Contains("no NTP server answered", check.Problem);
        Assert.Contains("no answer within 2000 ms", check.Problem);
        Assert.Equal(1, responder.Requests);
        Assert.Single(_store.Evidence.OfKind("clock_check"));
    }

    [Fact]
    public async Task A_closed_port_is_no_answer()
    {
        int port;
        using (var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
            port = ((IPEndPoint)probe.Client.LocalEndPoint!).Port;

        var check = await Checker($"127.0.0.1:{port}").CheckAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.False(check.InSync);
        Assert.Contains("127.0.0.1:" + port, check.Problem);
    }

    [Fact]
    public async Task One_server_answering_in_sync_is_enough_when_another_is_silent()
    {
        var silent = Responder(0);
        silent.Silent = true;
        var good = Responder(-12);

        var check = await CheckAsync(Checker(silent.Server, good.Server), answering: 1);

        Assert.True(check.InSync, check.Summary);
        Assert.Equal(-12.0, check.Offset!.Value.TotalMilliseconds, precision: 3);
        Assert.Contains(check.Readings, r => r.Server == silent.Server && r.Error!.Contains("no answer"));
    }

    [Fact]
    public async Task The_median_of_three_answers_outvotes_one_wrong_server()
    {
        var a = Responder(5);
        var b = Responder(900);
        var c = Responder(-7);

        var check = await Checker(a.Server, b.Server, c.Server).CheckAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(check.InSync, check.Summary);
        Assert.Equal(5.0, check.Offset!.Value.TotalMilliseconds, precision: 3);
    }

    [Fact]
    public async Task A_kiss_of_death_or_an_unsynchronized_server_is_not_an_answer()
    {
        var kiss = Responder(0);
        kiss.Stratum = 0;
        var alarm = Responder(0);
        alarm.LeapIndicator = 3;

        var check = await Checker(kiss.Server, alarm.Server).CheckAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.False(check.InSync);
        Assert.Contains("kiss-o'-death TEST", check.Problem);
        Assert.Contains("not synchronized", check.Problem);
    }

    public void Dispose()
    {
        foreach (var owned in _owned) owned.Dispose();
        _store.Dispose();
        _dir.Dispose();
    }
}
