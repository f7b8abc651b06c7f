namespace Trader.Domain.Sizing;

/// <summary>The sizer's answer: a <see cref="SizedOrder"/>, or a reason code and a detail saying why not.</summary>
public sealed record SizingResult(SizedOrder? Order, string? ReasonCode, string Detail)
{
    public bool IsAccepted => Order is not null;

    public static SizingResult Accepted(SizedOrder order, string detail) => new(order, null, detail);

    public static SizingResult Rejected(string reasonCode, string detail) => new(null, reasonCode, detail);
}
