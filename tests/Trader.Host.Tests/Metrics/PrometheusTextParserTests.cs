namespace Trader.Host.Tests.Metrics;

/// <summary>The test parser is only worth its "scrapes cleanly" if it refuses what Prometheus would refuse.</summary>
public sealed class PrometheusTextParserTests
{
    private const string Good = """
        # HELP h_seconds A histogram.
        # TYPE h_seconds histogram
        h_seconds_bucket{x="a",le="1"} 1
        h_seconds_bucket{x="a",le="+Inf"} 2
        h_seconds_sum{x="a"} 3.5
        h_seconds_count{x="a"} 2
        # TYPE c_total counter
        c_total 7

        """;

    [Fact]
    public void A_well_formed_exposition_parses()
    {
        var families = PrometheusTextParser.Parse(Good.Replace("\r", ""));
        Assert.Equal(4, families["h_seconds"].Samples.Count);
        Assert.Equal("A histogram.", families["h_seconds"].Help);
        Assert.Equal(7, families["c_total"].Samples.Single().Value);
    }

    [Theory]
    [InlineData("# TYPE c_total counter\n", "")]                                           // sample without a TYPE
    [InlineData("# TYPE c_total counter", "# TYPE c_total counter\n# TYPE c_total counter")]
    [InlineData("c_total 7", "c_total{a=\"1\" 7")]                                       // unterminated labels
    [InlineData("c_total 7", "c_total{1a=\"1\"} 7")]                                     // bad label name
    [InlineData("c_total 7", "c_total{a=\"\\t\"} 7")]                                    // bad escape
    [InlineData("c_total 7", "c_total{a=1} 7")]                                          // unquoted value
    [InlineData("c_total 7", "c_total seven")]                                           // bad value
    [InlineData("c_total 7", "c_total  7")]                                              // two spaces
    [InlineData("c_total 7", "c_total 7\nc_total 8")]                                    // duplicate sample
    [InlineData("c_total 7", "c-total 7")]                                               // bad metric name
    [InlineData("h_seconds_count{x=\"a\"} 2", "h_seconds_count{x=\"a\"} 3")]             // +Inf ≠ _count
    [InlineData("h_seconds_bucket{x=\"a\",le=\"+Inf\"} 2", "h_seconds_bucket{x=\"a\",le=\"2\"} 2")] // no +Inf
    [InlineData("h_seconds_bucket{x=\"a\",le=\"1\"} 1", "h_seconds_bucket{x=\"a\",le=\"1\"} 3")]   // not cumulative
    [InlineData("h_seconds_sum{x=\"a\"} 3.5\n", "")]                                     // no _sum
    [InlineData("# TYPE c_total counter", "# TYPE c_total countr")]                      // bad type
    public void A_breach_is_refused(string replace, string with)
    {
        var text = Good.Replace("\r", "");
        Assert.Contains(replace, text);
        Assert.Throws<FormatException>(() => PrometheusTextParser.Parse(text.Replace(replace, with)));
    }

    [Fact]
    public void Samples_of_a_family_must_be_contiguous_and_the_text_must_end_with_a_newline()
    {
        var split = "# TYPE a gauge\n# TYPE b gauge\na 1\nb 1\na{x=\"1\"} 2\n";
        Assert.Throws<FormatException>(() => PrometheusTextParser.Parse(split));
        Assert.Throws<FormatException>(() => PrometheusTextParser.Parse("# TYPE a gauge\na 1"));
    }
}
