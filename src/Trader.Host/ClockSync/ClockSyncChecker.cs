using Trader.Domain.Config;
using Trader.State.Evidence;

namespace Trader.Host.ClockSync;

/// <summary>
/// Checks the host clock against every server of <c>clock.ntp_servers</c> at once (REQ-TIME1) and records each check
/// as <c>clock_check</c> evidence when given an evidence store. The check is stamped at its start on the injected clock.
/// </summary>
public sealed class ClockSyncChecker(SntpClient client, ClockSection clock, TimeProvider time, EvidenceStore? evidence)
{
    public static ClockSyncChecker Create(ClockSection clock, TimeProvider time, EvidenceStore? evidence) =>
        new(new SntpClient(time, SntpClient.DefaultTimeout), clock, time, evidence);

    /// <summary>Raised as each server's reading arrives, before the check is judged (for logs and tests).</summary>
    public event Action<ServerReading>? ReadingReceived;

    public async Task<ClockCheck> CheckAsync(CancellationToken cancel)
    {
        var ts = time.GetUtcNow();
        var queries = new List<Task<ServerReading>>();
        foreach (var entry in clock.NtpServers)
        {
            NtpServerAddress server;
            try
            {
                server = NtpServerAddress.Parse(entry);
            }
            catch (FormatException e)
            {
                queries.Add(Task.FromResult(ServerReading.Failed(entry, e.Message)));
                continue;
            }
            queries.Add(QueryAsync(server, cancel));
        }
        var readings = await Task.WhenAll(queries);
        var check = ClockCheck.Judge(ts, readings, TimeSpan.FromMilliseconds(clock.MaxDriftMs));
        evidence?.Record(ClockCheck.EvidenceKind, ts, check.ToJson());
        return check;
    }

    private async Task<ServerReading> QueryAsync(NtpServerAddress server, CancellationToken cancel)
    {
        var reading = await client.QueryAsync(server, cancel);
        ReadingReceived?.Invoke(reading);
        return reading;
    }
}
