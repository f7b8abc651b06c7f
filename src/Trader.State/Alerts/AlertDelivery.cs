namespace Trader.State.Alerts;

/// <summary>An alert's delivery to one sink: its state, how many attempts, the last attempt's time and detail.</summary>
public sealed record AlertDelivery(string Sink, AlertDeliveryState State, int Attempts, DateTimeOffset? LastAttemptTs, string? Detail);
