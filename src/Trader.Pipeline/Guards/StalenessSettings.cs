using Trader.Domain.Config;

namespace Trader.Pipeline.Guards;

/// <summary>REQ-ST1 limits: <c>circuit_breakers.max_quote_age_seconds</c> and <c>max_ohlcv_age_seconds</c>.</summary>
public sealed record StalenessSettings(TimeSpan MaxQuoteAge, TimeSpan MaxOhlcvAge)
{
    public static StalenessSettings Default { get; } = From(new CircuitBreakersSection());

    public static StalenessSettings From(CircuitBreakersSection breakers) => new(
        TimeSpan.FromSeconds((double)breakers.MaxQuoteAgeSeconds),
        TimeSpan.FromSeconds((double)breakers.MaxOhlcvAgeSeconds));

    public TimeSpan MaxAge(FreshnessKind kind) => kind == FreshnessKind.Quote ? MaxQuoteAge : MaxOhlcvAge;

    /// <summary>Stale means age strictly greater than the limit (REQ-ST1: "age &gt; max").</summary>
    public bool IsStale(FreshnessKind kind, DateTimeOffset? last, DateTimeOffset now) =>
        last is null || now - last.Value > MaxAge(kind);
}
