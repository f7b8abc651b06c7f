using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Trader.Testing;

namespace Trader.Host.Tests.Backtest;

/// <summary>
/// REQ-BT2: the HTML report is one self-contained, well-formed file whose embedded charts (inline SVG) parse and stay
/// inside their canvas, with no external reference; rendered with headless Chromium when /usr/bin/chromium exists.
/// </summary>
public sealed class BacktestHtmlReportTests : IDisposable
{
    private readonly TempDir _dir = new("trader-bt-html-");

    public void Dispose() => _dir.Dispose();

    [Fact]
    [Trait("Req", "REQ-BT2")]
    public async Task The_html_report_is_self_contained_well_formed_and_its_charts_are_valid()
    {
        var candles = TinyMarket.WriteCandles(_dir.Path);
        var html = _dir.File("report.html");
        var (exit, _, error) = await BacktestCli.Run(TinyMarket.Config(_dir.Path), _dir.File("var"),
            "--candles", candles, "--report", _dir.File("r.json"), "--html", html);
        Assert.True(exit == 0, error);

        var text = File.ReadAllText(html);
        var document = XDocument.Load(XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore }));
        Assert.DoesNotMatch(new Regex("https?:|//[a-z]|<script|<link|@import|url\\(", RegexOptions.IgnoreCase), text);
        foreach (var attribute in document.Descendants().Attributes().Where(a => a.Name.LocalName is "src" or "href"))
            Assert.StartsWith("data:", attribute.Value);
        foreach (var image in document.Descendants().Where(e => e.Name.LocalName == "img"))
        {
            var uri = image.Attribute("src")!.Value;
            Assert.NotEmpty(Convert.FromBase64String(uri[(uri.IndexOf(',') + 1)..]));
        }

        var charts = document.Descendants().Where(e => e.Name.LocalName == "svg").ToList();
        Assert.True(charts.Count >= 4, $"{charts.Count} charts: equity, drawdown, exposure, price");
        foreach (var svg in charts)
        {
            var box = svg.Attribute("viewBox")!.Value.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var shapes = svg.Elements().Where(e => e.Name.LocalName is "polyline" or "polygon").ToList();
            Assert.NotEmpty(shapes);
            foreach (var point in shapes.SelectMany(s => s.Attribute("points")!.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            {
                var xy = point.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
                Assert.InRange(xy[0], box[0] - 8, box[2] + 8);
                Assert.InRange(xy[1], box[1] - 8, box[3] + 8);
            }
        }
        var markers = charts[^1].Elements().Count(e => e.Name.LocalName == "polygon");
        Assert.Equal(2, markers);
        Assert.Contains("take_profit", text);
        Assert.Contains("LAYER1", text);

        if (!File.Exists("/usr/bin/chromium")) return;
        var png = _dir.File("report.png");
        using var chromium = Process.Start(new ProcessStartInfo("/usr/bin/chromium",
            ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", $"--user-data-dir={_dir.File("chromium-profile")}", "--hide-scrollbars",
             $"--screenshot={png}", "--window-size=1100,2400", new Uri(html).AbsoluteUri])
            { RedirectStandardError = true, RedirectStandardOutput = true })!;
        Assert.True(chromium.WaitForExit(60_000), "chromium did not finish within 60 s");
        Assert.True(new FileInfo(png).Length > 10_000, "the screenshot is empty");
    }
}
