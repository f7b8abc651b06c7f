namespace Trader.Pipeline.Decisions;

/// <summary>The kinds and outcomes of decision journal rows.</summary>
public static class DecisionJournalKinds
{
    public const string Proposal = "proposal";
    public const string Rejection = "rejection";
    public const string Exit = "exit";
    public const string OrderIntent = "order_intent";

    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string DryRun = "dry_run_not_sent";
    public const string ExecutionError = "execution_error";
}
