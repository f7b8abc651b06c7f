namespace Trader.Coinbase.Capture;

/// <summary>Stable reasons a capture line is skipped (docs/MARKET-DATA.md "Capture files").</summary>
public static class CaptureLineReasons
{
    /// <summary>No tab between the receive time and the frame.</summary>
    public const string MissingTab = "missing_tab";

    /// <summary>The receive time is not a non-negative integer of unix milliseconds in range.</summary>
    public const string BadRecvMs = "bad_recv_ms";

    /// <summary>Nothing after the tab.</summary>
    public const string EmptyFrame = "empty_frame";

    /// <summary>The line is longer than the reader's limit; it is skipped without being held in memory.</summary>
    public const string LineTooLong = "line_too_long";

    /// <summary>The file could not be read further (a truncated or corrupt .gz, an I/O error); reading ends there.</summary>
    public const string CorruptStream = "corrupt_stream";
}
