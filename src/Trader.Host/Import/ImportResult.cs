namespace Trader.Host.Import;

/// <summary>What an import wrote and what it could not use.</summary>
public sealed record ImportResult(
    long Frames,
    IReadOnlyDictionary<string, long> FramesByChannel,
    IReadOnlyList<string> Products,
    DateTimeOffset? FirstFrame,
    DateTimeOffset? LastFrame,
    long SkippedLines,
    ImportIssues Issues);
