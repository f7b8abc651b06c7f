namespace Trader.Testing;

/// <summary>One row of a state DB's <c>fills</c> table, as the report-vs-fills checks read it (side upper-case).</summary>
public sealed record StateFill(string ClientOrderId, string ProductId, string Side, decimal Price, decimal Size, decimal Fee);
