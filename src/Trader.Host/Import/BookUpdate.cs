namespace Trader.Host.Import;

/// <summary>One level of an <c>l2_data</c> event: side "bid" or "offer", the new absolute quantity ("0" removes).</summary>
public readonly record struct BookUpdate(string Side, DateTimeOffset EventTime, string PriceLevel, string NewQuantity);
