using Trader.Domain.Config;
using Trader.Host.Secrets;
using Trader.Testing;

namespace Trader.Host.Tests.Secrets;

[Trait("Req", "REQ-SEC2")]
public sealed class KeyRotationTests
{
    private static SecretsSection RotatedDaysAgo(int days, int maxAgeDays = 90) => new()
    {
        RotatedOn = DateOnly.FromDateTime(VirtualTime.Epoch.UtcDateTime).AddDays(-days),
        MaxAgeDays = maxAgeDays,
    };

    [Fact]
    public void At_79_days_the_date_is_reported_and_nothing_else()
    {
        var status = KeyRotation.Evaluate(RotatedDaysAgo(79), keysPresent: true, VirtualTime.Create().TimeProvider);

        Assert.Equal(79, status.AgeDays);
        Assert.Equal("API key rotated on 2024-10-19 (79 days ago; rotate at least every 90 days)", status.Report);
        Assert.Empty(status.Warnings);
        Assert.Empty(status.LiveBlockers);
    }

    [Fact]
    public void At_81_days_it_warns_but_does_not_block()
    {
        var status = KeyRotation.Evaluate(RotatedDaysAgo(81), keysPresent: true, VirtualTime.Create().TimeProvider);

        Assert.Equal("the API key is 81 days old; it must be rotated within 9 days (REQ-SEC2)", Assert.Single(status.Warnings));
        Assert.Empty(status.LiveBlockers);
    }

    [Fact]
    public void At_91_days_it_blocks_LIVE()
    {
        var status = KeyRotation.Evaluate(RotatedDaysAgo(91), keysPresent: true, VirtualTime.Create().TimeProvider);

        Assert.True(status.IsStale);
        Assert.StartsWith("the API key is 91 days old, above secrets.max_age_days (90)", Assert.Single(status.LiveBlockers));
    }

    [Fact]
    public void The_age_follows_the_injected_clock_as_it_advances()
    {
        var clock = VirtualTime.Create();
        var secrets = RotatedDaysAgo(79);

        var day79 = KeyRotation.Evaluate(secrets, true, clock.TimeProvider);
        clock.AdvanceBy(TimeSpan.FromDays(2));
        var day81 = KeyRotation.Evaluate(secrets, true, clock.TimeProvider);
        clock.AdvanceBy(TimeSpan.FromDays(9));
        var day90 = KeyRotation.Evaluate(secrets, true, clock.TimeProvider);
        clock.AdvanceBy(TimeSpan.FromDays(1));
        var day91 = KeyRotation.Evaluate(secrets, true, clock.TimeProvider);

        Assert.Equal([79, 81, 90, 91], new[] { day79.AgeDays, day81.AgeDays, day90.AgeDays, day91.AgeDays });
        Assert.Equal([0, 1, 1, 1], new[] { day79.Warnings.Count, day81.Warnings.Count, day90.Warnings.Count, day91.Warnings.Count });
        Assert.Equal([false, false, false, true], new[] { day79.IsStale, day81.IsStale, day90.IsStale, day91.IsStale });
    }

    [Fact]
    public void A_shorter_max_age_moves_both_thresholds()
    {
        var time = VirtualTime.Create().TimeProvider;

        Assert.Empty(KeyRotation.Evaluate(RotatedDaysAgo(50, maxAgeDays: 60), true, time).Warnings);
        Assert.Single(KeyRotation.Evaluate(RotatedDaysAgo(51, maxAgeDays: 60), true, time).Warnings);
        Assert.True(KeyRotation.Evaluate(RotatedDaysAgo(61, maxAgeDays: 60), true, time).IsStale);
    }

    [Fact]
    public void A_missing_date_warns_when_keys_are_present_and_always_blocks_LIVE()
    {
        var time = VirtualTime.Create().TimeProvider;

        var withKeys = KeyRotation.Evaluate(new SecretsSection(), keysPresent: true, time);
        var withoutKeys = KeyRotation.Evaluate(new SecretsSection(), keysPresent: false, time);

        Assert.Single(withKeys.Warnings);
        Assert.True(withKeys.IsStale);
        Assert.Empty(withoutKeys.Warnings);
        Assert.True(withoutKeys.IsStale);
        Assert.Equal("API key rotation date: not set (secrets.rotated_on)", withKeys.Report);
    }

    [Fact]
    public void A_date_in_the_future_blocks_LIVE()
    {
        var status = KeyRotation.Evaluate(RotatedDaysAgo(-3), true, VirtualTime.Create().TimeProvider);

        Assert.True(status.IsStale);
        Assert.Contains("is after today", Assert.Single(status.LiveBlockers));
    }
}
