using System.Globalization;
using Trader.State.Evidence;

namespace Trader.Host.Gates;

/// <summary>
/// The paper-rehearsal gate (spec §6.2): at least <see cref="Required"/> of PAPER on the real clock against the live
/// Coinbase feed with 0 safety-gate breaches. Sessions that count are joined into one rehearsal when the next starts
/// within <see cref="MaxRestartGap"/> of the previous one's end (a restart or deploy does not reset it); a session
/// with a breach ends the rehearsal it would have joined and counts for nothing. Replayed or virtual time, DRY_RUN,
/// other feeds and sessions stamped in the future never count.
/// </summary>
public sealed class PaperRehearsal(GateEvidence evidence) : GoLiveGate
{
    public static readonly TimeSpan Required = TimeSpan.FromDays(7);
    public static readonly TimeSpan MaxRestartGap = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(1);

    public override string Name => "paper_rehearsal";

    public override GateVerdict Evaluate(Modes.LiveRequest request) => Evaluate();

    public GateVerdict Evaluate()
    {
        var sessions = LatestSnapshots(evidence.PaperSessions, out var unreadable);
        var counting = sessions.Where(s => s.CountsTowardRehearsal && s.End <= evidence.Now + FutureTolerance).OrderBy(s => s.Start).ToList();
        var ignored = sessions.Count - counting.Count;
        var withBreaches = counting.Count(s => s.Breaches > 0);

        (DateTimeOffset Start, DateTimeOffset End)? best = null, current = null;
        foreach (var session in counting)
        {
            if (session.Breaches > 0)
            {
                current = null;
                continue;
            }
            current = current is { } c && session.Start - c.End <= MaxRestartGap
                ? (c.Start, session.End > c.End ? session.End : c.End)
                : (session.Start, session.End);
            if (best is null || current.Value.End - current.Value.Start > best.Value.End - best.Value.Start) best = current;
        }

        var notes = new List<string>();
        if (withBreaches > 0) notes.Add($"{withBreaches} session(s) with safety-gate breaches");
        if (ignored > 0) notes.Add($"{ignored} session(s) that do not count (not PAPER on the real clock against the live Coinbase feed)");
        if (unreadable > 0) notes.Add($"{unreadable} unreadable record(s)");
        var suffix = notes.Count == 0 ? "" : " (" + string.Join("; ", notes) + ")";

        if (best is { } span && span.End - span.Start >= Required)
            return GateVerdict.Pass($"{Days(span.End - span.Start)} days of PAPER on the live feed from {Reports.ReportFormat.Time(span.Start)} to {Reports.ReportFormat.Time(span.End)} with 0 safety-gate breaches{suffix}");

        var have = best is { } b ? b.End - b.Start : TimeSpan.Zero;
        var detail = sessions.Count == 0
            ? "no PAPER session recorded"
            : $"the longest clean PAPER rehearsal on the live feed is {Days(have)} days, {Days(Required)} needed{suffix}";
        return GateVerdict.Fail(detail,
            $"run `trader run --mode paper` on the live Coinbase feed for {Days(Required - have)} more days without a safety-gate breach");
    }

    private static List<PaperSession> LatestSnapshots(IReadOnlyList<EvidenceRecord> records, out int unreadable)
    {
        unreadable = 0;
        var bySession = new Dictionary<string, PaperSession>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (PaperSession.TryParse(record.PayloadJson) is not { } session)
            {
                unreadable++;
                continue;
            }
            if (!bySession.TryGetValue(session.SessionId, out var seen) || session.End >= seen.End)
                bySession[session.SessionId] = session;
        }
        return bySession.Values.ToList();
    }

    private static string Days(TimeSpan span) => Math.Round(span.TotalDays, 1, MidpointRounding.ToZero).ToString("0.0", CultureInfo.InvariantCulture);
}
