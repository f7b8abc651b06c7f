namespace Trader.Host.Safety;

/// <summary>
/// What the drawdown monitor last saw (REQ-DD1): the latest equity mark, the rolling peak (high-water mark over the
/// last 30 days, re-based when an operator resumes a drawdown halt) and the drawdown from it, this session's peak and
/// the largest drawdown seen this session, and the day's and week's PnL against their first mark. Percentages are
/// positive for a drawdown and signed for PnL.
/// </summary>
public sealed record DrawdownStatus(
    DateTimeOffset? LastMarkTs,
    decimal? Nav,
    decimal RollingPeak,
    decimal RollingDrawdownPct,
    decimal SessionPeak,
    decimal SessionMaxDrawdownPct,
    decimal DayPnlPct,
    decimal WeekPnlPct)
{
    public static readonly DrawdownStatus Empty = new(null, null, 0m, 0m, 0m, 0m, 0m, 0m);
}
