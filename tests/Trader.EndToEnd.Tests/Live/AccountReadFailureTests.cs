using System.Security.Cryptography;
using Trader.Domain.Market;
using Trader.Domain.Rules;
using Trader.Domain.Security;
using Trader.Domain.Sizing;
using Trader.Domain.Trading;
using Trader.EndToEnd.Tests.Execution;
using Trader.Host.Configuration;
using Trader.Host.Execution;
using Trader.Host.Runtime;
using Trader.Pipeline.Alerts;
using Trader.Pipeline.Clock;
using Trader.Pipeline.Guards;
using Trader.Pipeline.Market;
using Trader.Pipeline.Safety;
using Trader.Pipeline.Scheduling;
using Trader.State.Orders;
using Trader.State.Storage;
using Trader.Testing;

namespace Trader.EndToEnd.Tests.Live;

/// <summary>
/// LIVE cash comes from the accounts endpoint before each cycle; when it cannot be read, no new entry is sent that
/// cycle (journaled <c>not_sent</c> / <c>account_unavailable</c>) while an exit still goes to the order manager.
/// The venue here is a closed port on 127.0.0.1: every request fails at once, retries run on the virtual clock.
/// </summary>
public sealed class AccountReadFailureTests
{
    [Fact]
    [Trait("Req", "NFR-S1")]
    public async Task An_unreadable_account_blocks_new_entries_for_the_cycle_but_not_exits()
    {
        using var dir = new TempDir("account-down");
        var clock = VirtualTime.Create();
        var config = ConfigLoader.Load(ConfigFixture.CopyShipped(dir.Path)).Config!;
        using var store = StateStore.Open(dir.File("state.db"));
        var market = new MarketState(StalenessSettings.From(config.Policy.CircuitBreakers));
        market.Track("BTC-USD");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var alerts = new List<GuardAlert>();
        var inputs = new ExecutionInputs(TradingMode.Live, new VenueChoice(VenueKind.ExternalSimulator, new Uri("http://127.0.0.1:1")), config, dir.Path,
            new ApiCredentials("organizations/o/apiKeys/k", key.ExportECPrivateKeyPem()), TraderClock.Virtual(clock), store, market, ["BTC-USD"],
            new KillSwitch(), alerts.Add, new StateJournalSink(store.Journal), Serilog.Core.Logger.None);

        var (setup, problem) = await ExecutionSetup.CreateAsync(inputs, CancellationToken.None);
        Assert.Null(problem);
        await using var execution = setup!;
        var start = execution.StartAsync(CancellationToken.None);
        await DriveAsync(clock, start);
        var tick = new CycleTick(1, clock.Now);
        var before = execution.BeforeCycleAsync(tick, CancellationToken.None);
        await DriveAsync(clock, before);

        var sizer = OrderSizer.FromPolicy(config.Policy);
        var info = ProductInfo.DefaultUsd("BTC-USD");
        var entry = ExecutionHarness.Approve(sizer.SizeBuy(info, 200m, 200m, 60000m, LiquidityRole.Maker).Order!);
        await execution.Port.SubmitAsync(entry, tick, CancellationToken.None);
        var row = Assert.Single(store.Journal.ForCycle(1));
        Assert.Equal((OrderManagerExecutionPort.NotSent, ExecutionSetup.AccountUnavailable), (row.Outcome, row.ReasonCode));
        Assert.Empty(store.Orders.CreatedSince(DateTimeOffset.MinValue));

        // An exit is not held back: it reaches the order manager (whose preview then fails against the dead venue).
        var exit = ExecutionHarness.Approve(sizer.SizeSell(info, 0.01m, 60000m, LiquidityRole.Maker).Order!, ExitReason.TakeProfit);
        Assert.Equal(ProposalKind.Exit, exit.Proposal.Kind);
        var submit = execution.Port.SubmitAsync(exit, tick, CancellationToken.None);
        await DriveAsync(clock, submit);
        var order = Assert.Single(store.Orders.CreatedSince(DateTimeOffset.MinValue));
        Assert.Equal((OrderSide.Sell, OrderStatus.Rejected), (order.Side, order.Status));
        Assert.StartsWith("preview_failed", order.StatusReason);
    }

    /// <summary>
    /// Moves the virtual clock a second at a time while <paramref name="task"/> runs (retry waits and request timeouts
    /// live on it; the refused connections are real and immediate), bounded in both clocks.
    /// </summary>
    private static async Task DriveAsync(VirtualClock clock, Task task)
    {
        var limit = clock.Now + TimeSpan.FromMinutes(5);
        while (!task.IsCompleted && clock.Now < limit)
        {
            clock.AdvanceBy(TimeSpan.FromSeconds(1));
            await Task.WhenAny(task, Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System)); // realtime-ok: lets the real socket calls between clock steps complete
        }
        await task;
    }
}
