using System.Security.Cryptography;
using System.Text;
using Trader.Pipeline.Alerting;
using Trader.Pipeline.Guards;

namespace Trader.Host.Reports;

/// <summary>
/// The report's <c>digest</c> (CONTRACTS.md §6): SHA-256 over one canonical UTF-8 line per accepted market event,
/// guard verdict, alert, decision, order and fill, fed in processing order. Lines are <c>kind|field|field…\n</c> with
/// <see cref="ReportFormat"/> spelling. Market data is fed by the replay driver; the decision stage feeds its own
/// lines through <see cref="AddDecision"/>, <see cref="AddOrder"/> and <see cref="AddFill"/>. Not thread-safe: fed
/// from the driver's one flow (a decision cycle runs while the driver waits for it).
/// </summary>
public sealed class EventDigest : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly StringBuilder _line = new(128);
    private byte[] _bytes = new byte[256];
    private string? _final;

    public long Lines { get; private set; }

    /// <summary>One line for the quote tick's verdict, preceded by its market line when the tick was accepted.</summary>
    public void AddVerdict(in QuoteVerdict verdict)
    {
        var q = verdict.Quote;
        if (verdict.Accepted)
            Add("market", verdict.ProductId, ReportFormat.Time(q.TsRecv), ReportFormat.Money(q.Bid), ReportFormat.Money(q.Ask), ReportFormat.Money(q.Last));
        Add("verdict", verdict.ProductId, ReportFormat.Time(q.TsRecv), verdict.RejectReason ?? "accepted");
    }

    public void AddAlert(AlertNotification alert) =>
        Add("alert", ReportFormat.Time(alert.Ts), alert.Kind, AlertNotification.SeverityName(alert.Severity), alert.ProductId ?? "",
            alert.Escalated ? "escalated" : alert.Resolved ? "resolved" : "raised", alert.Message);

    /// <summary>A decision of the decision stage, in its own canonical spelling (product, action, reason, …).</summary>
    public void AddDecision(DateTimeOffset ts, params string[] fields) => Add("decision", Prepend(ts, fields));

    public void AddOrder(ReportOrder order) =>
        Add("order", ReportFormat.Time(order.Ts), order.ProductId, order.Side, order.ClientOrderId, order.Type,
            ReportFormat.Money(order.Price), ReportFormat.Money(order.Size), order.Status);

    public void AddFill(DateTimeOffset ts, string productId, string clientOrderId, decimal price, decimal size, decimal fee) =>
        Add("fill", ReportFormat.Time(ts), productId, clientOrderId, ReportFormat.Money(price), ReportFormat.Money(size), ReportFormat.Money(fee));

    /// <summary>The hex SHA-256 of every line so far; after this call no more lines may be added.</summary>
    public string Finish() => _final ??= Convert.ToHexStringLower(_hash.GetHashAndReset());

    private static string[] Prepend(DateTimeOffset ts, string[] fields)
    {
        var all = new string[fields.Length + 1];
        all[0] = ReportFormat.Time(ts);
        fields.CopyTo(all, 1);
        return all;
    }

    private void Add(string kind, params string[] fields)
    {
        if (_final is not null) throw new InvalidOperationException("the digest is already finished");
        _line.Clear().Append(kind);
        foreach (var field in fields) _line.Append('|').Append(field);
        _line.Append('\n');
        var needed = Encoding.UTF8.GetMaxByteCount(_line.Length);
        if (_bytes.Length < needed) _bytes = new byte[needed];
        var length = Encoding.UTF8.GetBytes(_line.ToString(), _bytes);
        _hash.AppendData(_bytes, 0, length);
        Lines++;
    }

    public void Dispose() => _hash.Dispose();
}
