using Trader.Domain.Decisions;
using Trader.Domain.Portfolio;
using Trader.Domain.Risk;
using Trader.Domain.Trading;
using Trader.Pipeline.Decisions;
using Trader.Pipeline.Execution;
using Trader.Pipeline.Scheduling;
using Trader.Testing;
using Codes = Trader.Domain.Risk.ReasonCodes;

namespace Trader.Pipeline.Tests.Decisions;

public sealed class DecisionPipelineTests
{
    private static readonly string[] Products = ["BTC-USD", "ETH-USD"];

    [Fact]
    public async Task Dry_run_end_to_end_a_steady_rise_becomes_journaled_proposals_and_would_be_orders()
    {
        await using var h = new DecisionHarness();
        string[] products = [.. Products, "ADA-USD"];
        h.Online(products);
        h.Scheduler.Start();

        // BTC and ETH rise 0.2 % a minute; ADA (sorted first among equal scores) falls as fast (spot is long only: that trigger must be refused).
        await h.RunAsync(25, products, (p, since) => p == "ADA-USD"
            ? 100m * (1m - 0.002m * (decimal)since.TotalMinutes)
            : DecisionHarness.SteadyRise(p, since));

        Assert.InRange(h.Results.Count, 21, 25); // 60–66 s apart over 25 minutes
        Assert.All(h.Results, r => Assert.Equal(CycleOutcomes.Completed, r.Outcome));
        // Nothing fires before 16 minutes of history exist, then the 15-minute move (≈ 3 %) does.
        var firstEntry = h.Journal.Rows.First(r => r.Kind == DecisionJournalKinds.Proposal);
        Assert.True(firstEntry.Ts >= VirtualTime.Epoch + TimeSpan.FromMinutes(16), $"first entry at {firstEntry.Ts:O}");
        Assert.Equal(DecisionJournalKinds.Approved, firstEntry.Outcome);
        Assert.StartsWith("Buy ", firstEntry.Payload, StringComparison.Ordinal);
        Assert.Contains("price_move", h.Digest.First(l => l.StartsWith("trigger ", StringComparison.Ordinal)), StringComparison.Ordinal);

        // Every approved order reached the DRY_RUN port, which journaled it as not sent, in the same cycle.
        var approved = h.Journal.Rows.Where(r => r.Kind == DecisionJournalKinds.Proposal).ToList();
        var intents = h.Journal.Rows.Where(r => r.Kind == DecisionJournalKinds.OrderIntent).ToList();
        Assert.Equal(approved.Count, h.DryRun.Orders.Count);
        Assert.Equal(approved.Select(r => (r.CycleId, r.ProductId)), intents.Select(r => (r.CycleId, r.ProductId)));
        Assert.All(intents, r => Assert.Equal(DecisionJournalKinds.DryRun, r.Outcome));
        Assert.Equal(approved.Count, h.Pipeline.Counters.Approved);
        Assert.Equal(h.Results.Count, h.Pipeline.Counters.Completed);
        Assert.Equal(0, h.Pipeline.Counters.Errors);

        // The falling product is refused with its reason code; every refusal carries a code from CONTRACTS.md §7.
        var rejections = h.Journal.Rows.Where(r => r.Kind == DecisionJournalKinds.Rejection).ToList();
        Assert.Contains(rejections, r => r.ProductId == "ADA-USD" && r.ReasonCode == Codes.ShortNotAllowed);
        Assert.DoesNotContain(h.DryRun.Orders, o => o.Order.Order.ProductId == "ADA-USD");
        Assert.All(rejections, r => Assert.Contains(r.ReasonCode!, Codes.All));
        Assert.Equal(rejections.Count, h.Pipeline.Counters.RejectedByReason.Values.Sum());
    }

    [Fact]
    [Trait("Req", "REQ-E2")]
    public async Task A_working_buy_from_the_portfolio_source_blocks_a_further_entry_in_that_product()
    {
        await using var h = new DecisionHarness();
        h.Online(Products);
        h.Portfolio.View = h.Portfolio.View with { WorkingOrders = [new WorkingOrder("BTC-USD", OrderSide.Buy, 0.006m, 50_000m, "cid-1")] };
        h.Scheduler.Start();

        await h.RunAsync(25, Products, DecisionHarness.SteadyRise);

        var entries = h.Journal.Rows.Where(r => r.Kind == DecisionJournalKinds.Proposal).ToList();
        Assert.Contains(entries, r => r.ProductId == "ETH-USD");       // the trigger fires for both products
        Assert.Contains(h.Digest, l => l.StartsWith("trigger BTC-USD price_move", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, r => r.ProductId == "BTC-USD");  // but no second BTC buy while one works
        Assert.DoesNotContain(h.DryRun.Orders, o => o.Order.Order.ProductId == "BTC-USD");

        // Once the order manager reports it done, the next cycle may enter BTC again.
        h.Portfolio.View = h.Portfolio.View with { WorkingOrders = [] };
        await h.RunAsync(2, Products, DecisionHarness.SteadyRise);
        Assert.Contains(h.DryRun.Orders, o => o.Order.Order.ProductId == "BTC-USD");
    }

    [Fact]
    [Trait("Req", "REQ-CD1")]
    public async Task A_recent_fill_cooldown_blocks_re_entry_through_the_pipeline_until_it_expires()
    {
        await using var h = new DecisionHarness();
        h.Online(Products);
        var until = VirtualTime.Epoch + TimeSpan.FromMinutes(22);
        h.Portfolio.View = h.Portfolio.View with
        {
            Cooldowns = [Cooldown.AfterFill("BTC-USD", until - TimeSpan.FromMinutes((double)h.Config.Policy.Risk.CooldownMinutes), h.Config.Policy.Risk)],
        };
        Assert.Equal(until, h.Portfolio.View.Cooldowns[0].Until);
        h.Scheduler.Start();

        await h.RunAsync(27, Products, DecisionHarness.SteadyRise);

        var btc = h.Journal.Rows.Where(r => r.ProductId == "BTC-USD" && r.Kind != DecisionJournalKinds.OrderIntent).ToList();
        var refused = btc.Where(r => r.Ts < until).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, r =>
        {
            Assert.Equal(DecisionJournalKinds.Rejection, r.Kind);
            Assert.Equal(Codes.Cooldown, r.ReasonCode);
        });
        Assert.Contains(btc, r => r.Ts >= until && r.Kind == DecisionJournalKinds.Proposal && r.Outcome == DecisionJournalKinds.Approved);
        Assert.True(h.Pipeline.Counters.RejectedByReason[Codes.Cooldown] >= refused.Count);
    }

    [Fact]
    public async Task A_cycle_still_running_at_the_next_due_time_is_skipped_and_counted_through_the_pipeline()
    {
        var release = new TaskCompletionSource();
        var slow = new SlowPort(release.Task);
        await using var h = new DecisionHarness(port: _ => slow);
        h.Online(Products);
        h.Scheduler.Start();

        h.StopWaitingWhen = slow.Entered.Task; // the first cycle that hands an order over hangs in the port
        await h.RunAsync(25, Products, DecisionHarness.SteadyRise);

        Assert.True(slow.Entered.Task.IsCompleted, "an order reached the slow port");
        var hungCycles = h.Pipeline.Counters.Cycles;
        Assert.True(h.Pipeline.Counters.Skipped >= 3, $"skipped {h.Pipeline.Counters.Skipped}");
        Assert.Equal(h.Scheduler.Skipped, h.Pipeline.Counters.Skipped);

        release.SetResult();
        await h.Scheduler.Running;
        h.StopWaitingWhen = new TaskCompletionSource().Task;
        await h.AdvanceToAsync(h.Clock.Now + TimeSpan.FromMinutes(3));
        Assert.True(h.Pipeline.Counters.Cycles > hungCycles, "cycles resume once the slow one finishes");
        Assert.Equal(h.Pipeline.Counters.Cycles, h.Pipeline.Counters.Completed);
    }

    [Fact]
    public async Task A_throwing_execution_port_or_journal_never_faults_the_pipeline_and_the_next_cycle_runs()
    {
        var port = new ThrowingPort();
        await using var h = new DecisionHarness(port: _ => port);
        h.Journal.FailWhen = rows => rows.Any(r => r.CycleId % 2 == 0);
        h.Online(Products);
        h.Scheduler.Start();

        await h.RunAsync(25, Products, DecisionHarness.SteadyRise);

        Assert.True(port.Calls > 0);
        Assert.All(h.Results, r => Assert.Equal(CycleOutcomes.Completed, r.Outcome));
        var withOrders = h.Results.Where(r => r.Approved > 0).ToList();
        Assert.True(withOrders.Count >= 2, "several cycles approved orders");
        Assert.All(withOrders, r => Assert.Equal(0, r.Submitted));
        Assert.Equal(h.Results.Sum(r => r.Errors), h.Pipeline.Counters.Errors);
        Assert.Contains(h.Log, l => l.Contains("execution", StringComparison.Ordinal) && l.Contains("InvalidOperationException", StringComparison.Ordinal));
        Assert.Contains(h.Log, l => l.Contains("journal failed: IOException", StringComparison.Ordinal));
        // Odd cycles' rows (including the execution_error rows) are journaled; even cycles' writes failed.
        Assert.Contains(h.Journal.Rows, r => r.Kind == DecisionJournalKinds.OrderIntent && r.Outcome == DecisionJournalKinds.ExecutionError);
        Assert.DoesNotContain(h.Journal.Rows, r => r.CycleId % 2 == 0);
        Assert.False(h.Pipeline.Completion.IsCompleted);
    }

    [Fact]
    public async Task Graceful_stop_drains_the_cycle_in_flight_and_refuses_later_ones()
    {
        var release = new TaskCompletionSource();
        var slow = new SlowPort(release.Task);
        var h = new DecisionHarness(port: _ => slow);
        h.Online(Products);
        h.StopWaitingWhen = slow.Entered.Task;
        h.Scheduler.Start();
        await h.RunAsync(20, Products, DecisionHarness.SteadyRise);
        Assert.True(slow.Entered.Task.IsCompleted);

        h.Scheduler.Stop();
        var drained = h.Pipeline.CompleteAsync();
        Assert.False(drained.IsCompleted);
        var late = await h.Pipeline.RunCycleAsync(new CycleTick(999, h.Clock.Now));
        Assert.Equal(CycleOutcomes.Stopped, late.Outcome);

        release.SetResult();
        await drained;
        await h.Scheduler.Running;
        Assert.True(slow.Calls >= 1);
        Assert.Equal(1, h.Pipeline.Counters.Stopped);
        await h.DisposeAsync();
    }

    private sealed class SlowPort(Task release) : IExecutionPort
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Calls;

        public async Task SubmitAsync(ApprovedOrder order, CycleTick tick, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            Entered.TrySetResult();
            await release;
        }
    }

    private sealed class ThrowingPort : IExecutionPort
    {
        public int Calls;

        public Task SubmitAsync(ApprovedOrder order, CycleTick tick, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            throw new InvalidOperationException("venue unreachable (test)");
        }
    }
}
