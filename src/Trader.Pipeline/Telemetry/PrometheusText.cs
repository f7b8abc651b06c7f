using System.Globalization;
using System.Text;

namespace Trader.Pipeline.Telemetry;

/// <summary>
/// Writes the Prometheus text exposition format 0.0.4: per metric family a <c># HELP</c> and a <c># TYPE</c> line,
/// then its samples <c>name{label="value",…} number</c>; label values escape <c>\</c>, <c>"</c> and newline, HELP
/// text escapes <c>\</c> and newline; numbers are invariant, with <c>+Inf</c>, <c>-Inf</c> and <c>NaN</c>.
/// </summary>
public sealed class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();

    public PrometheusText Family(string name, string type, string help)
    {
        _text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        return this;
    }

    public PrometheusText Sample(string name, double value, params ReadOnlySpan<(string Name, string Value)> labels)
    {
        _text.Append(name);
        if (labels.Length > 0)
        {
            _text.Append('{');
            for (var i = 0; i < labels.Length; i++)
            {
                if (i > 0) _text.Append(',');
                _text.Append(labels[i].Name).Append("=\"").Append(EscapeLabel(labels[i].Value)).Append('"');
            }
            _text.Append('}');
        }
        _text.Append(' ').Append(Number(value)).Append('\n');
        return this;
    }

    /// <summary>The <c>_bucket</c> (cumulative, ending with <c>le="+Inf"</c>), <c>_sum</c> and <c>_count</c> samples.</summary>
    public PrometheusText Histogram(string name, HistogramSnapshot histogram, params (string Name, string Value)[] labels)
    {
        var withLe = new (string Name, string Value)[labels.Length + 1];
        labels.CopyTo(withLe, 0);
        for (var i = 0; i < histogram.CumulativeCounts.Count; i++)
        {
            var le = i < histogram.UpperBounds.Count ? Number(histogram.UpperBounds[i]) : "+Inf";
            withLe[^1] = ("le", le);
            Sample(name + "_bucket", histogram.CumulativeCounts[i], withLe);
        }
        Sample(name + "_sum", histogram.Sum, labels);
        Sample(name + "_count", histogram.Count, labels);
        return this;
    }

    public override string ToString() => _text.ToString();

    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    public static string EscapeLabel(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);

    private static string EscapeHelp(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
