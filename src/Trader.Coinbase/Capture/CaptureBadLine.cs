namespace Trader.Coinbase.Capture;

/// <summary>A capture line that was skipped: its 1-based number, a <see cref="CaptureLineReasons"/> code and detail.</summary>
public readonly record struct CaptureBadLine(long LineNumber, string Reason, string? Detail);
