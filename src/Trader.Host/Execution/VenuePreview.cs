namespace Trader.Host.Execution;

/// <summary>A preview: accepted (with the venue's expected total and commission when it gives them) or refused with a reason.</summary>
public sealed record VenuePreview(bool Accepted, string? Reason, decimal? OrderTotal, decimal? Commission)
{
    public static VenuePreview Refused(string reason) => new(false, reason, null, null);
}
