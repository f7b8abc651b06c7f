namespace Trader.Host.Safety;

/// <summary>
/// What one cancel-all after a kill-switch activation achieved (REQ-K1): when the switch was activated (the SLA
/// clock's start), when the venue confirmed — by reading every order back — that none of ours is still working, how
/// many orders ended cancelled (or filled meanwhile), how many were left working when the run ended, and how many
/// cancel rounds it took. <see cref="ConfirmedAt"/> is null when the run ended unconfirmed (released, or stopped).
/// </summary>
public sealed record CancelAllReport(
    string Reason,
    DateTimeOffset ActivatedAt,
    DateTimeOffset StartedAt,
    DateTimeOffset? ConfirmedAt,
    int OrdersCancelled,
    int OrdersFilled,
    int OrdersLeft,
    int Attempts)
{
    /// <summary>Activation → venue confirms no working order (null while unconfirmed).</summary>
    public TimeSpan? Elapsed => ConfirmedAt - ActivatedAt;

    public bool MetDeadline => Elapsed is { } elapsed && elapsed <= CancelAllOnKill.Deadline && OrdersLeft == 0;
}
