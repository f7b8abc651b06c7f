using Serilog.Context;

namespace Trader.Host.Logging;

/// <summary>
/// Adds <c>cycle_id</c> / <c>product_id</c> to every event logged inside the scope (Serilog's LogContext flows with
/// async calls), so a decision cycle's lines can be picked out and joined to the journal.
/// </summary>
public static class LogScope
{
    public const string CycleId = "cycle_id";
    public const string ProductId = "product_id";
    public const string Mode = "mode";

    public static IDisposable Cycle(long cycleId) => LogContext.PushProperty(CycleId, cycleId);

    public static IDisposable Product(string productId) => LogContext.PushProperty(ProductId, productId);
}
