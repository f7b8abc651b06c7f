using Trader.Domain.Trading;

namespace Trader.Host.Replay;

/// <summary>
/// One replay run as <c>trader replay</c> and <c>trader demo</c> ask for it. <see cref="PaperStateDir"/> is the
/// folder under the data directory that holds a PAPER replay's own state (recreated each run); DRY_RUN replays use the
/// configured state database.
/// </summary>
public sealed record ReplayRequest(
    string Capture,
    ReplaySpeed Speed,
    int? Seed,
    string ReportPath,
    TradingMode Mode,
    ReplayVenue Venue,
    string PaperStateDir)
{
    public const string ReplayPaperDir = "replay-paper";
    public const string DemoDir = "demo";
}
