namespace Trader.State.Fills;

/// <summary>What <see cref="FillStore.Record"/> did with a fill.</summary>
public enum FillOutcome
{
    /// <summary>New fill: stored, and its order and position updated in the same transaction.</summary>
    Recorded,
    /// <summary>This trade id was already recorded for the order: nothing changed.</summary>
    Duplicate,
    /// <summary>No order with this client order id is registered: nothing stored (the caller reconciles and alerts).</summary>
    UnknownOrder,
}
