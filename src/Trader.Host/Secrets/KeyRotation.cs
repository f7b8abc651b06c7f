using Trader.Domain.Config;

namespace Trader.Host.Secrets;

/// <summary>
/// REQ-SEC2: keys are rotated at least every <c>secrets.max_age_days</c> (at most 90). The age is counted in whole
/// UTC days from <c>secrets.rotated_on</c> to today on the injected clock: above max − 10 days it warns, above max
/// it blocks LIVE. A missing date warns when keys are present and always blocks LIVE; a date in the future blocks
/// LIVE (a typo cannot stand in for a rotation).
/// </summary>
public static class KeyRotation
{
    public const int WarningLeadDays = 10;

    public static RotationStatus Evaluate(SecretsSection secrets, bool keysPresent, TimeProvider time)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var warnings = new List<string>();
        var blockers = new List<string>();
        if (secrets.RotatedOn is not { } rotatedOn)
        {
            const string missing = "secrets.rotated_on is not set: the key's rotation date is unknown (REQ-SEC2)";
            if (keysPresent)
                warnings.Add(missing);
            blockers.Add(missing);
            return new RotationStatus(null, null, "API key rotation date: not set (secrets.rotated_on)", warnings, blockers);
        }

        var age = today.DayNumber - rotatedOn.DayNumber;
        var date = rotatedOn.ToString("yyyy-MM-dd");
        var report = $"API key rotated on {date} ({age} days ago; rotate at least every {secrets.MaxAgeDays} days)";
        if (age < 0)
        {
            var future = $"secrets.rotated_on {date} is after today ({today:yyyy-MM-dd})";
            warnings.Add(future);
            blockers.Add(future);
        }
        else if (age > secrets.MaxAgeDays)
        {
            var stale = $"the API key is {age} days old, above secrets.max_age_days ({secrets.MaxAgeDays}): rotate it and update secrets.rotated_on (REQ-SEC2)";
            warnings.Add(stale);
            blockers.Add(stale);
        }
        else if (age > secrets.MaxAgeDays - WarningLeadDays)
        {
            warnings.Add($"the API key is {age} days old; it must be rotated within {secrets.MaxAgeDays - age} days (REQ-SEC2)");
        }
        return new RotationStatus(rotatedOn, age, report, warnings, blockers);
    }
}
