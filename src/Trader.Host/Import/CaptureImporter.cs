namespace Trader.Host.Import;

/// <summary>
/// <c>trader capture import</c>: shipped market data → a capture of Advanced Trade frames (CONTRACTS.md §1, §4, §8).
/// Every input is read first (bad lines counted, never fatal); bars of the same product from several files are
/// joined; then one <c>status</c> snapshot (every product online), <c>heartbeats</c> every second over the whole
/// span, and each product's frames are merged in receive-time order — ties broken by status, heartbeats, then
/// products in ordinal order, each stream keeping its own order — and numbered with one <c>sequence_num</c>.
/// Same input, same bytes: nothing depends on the machine, the clock or the input's directory.
/// </summary>
public static class CaptureImporter
{
    public static ImportResult Run(ImportRequest request)
    {
        foreach (var input in request.Inputs)
            if (!File.Exists(input))
                throw new ImportInputException($"{input}: no such file");

        var issues = new ImportIssues();
        var sources = new List<IEnumerable<CaptureFrame>>();
        var products = new List<ImportedProduct>();
        DateTimeOffset? first = null, last = null;
        long skipped = 0;

        try
        {
            if (request.Format == CaptureFormat.Cryptofeed)
            {
                var scales = new SortedDictionary<string, int>(StringComparer.Ordinal);
                foreach (var input in request.Inputs)
                {
                    var (frames, inputScales, inputSkipped) = CryptofeedReader.Read(input, request, issues);
                    skipped += inputSkipped;
                    foreach (var (product, scale) in inputScales) scales[product] = Math.Max(scales.GetValueOrDefault(product), scale);
                    if (frames.Count == 0) continue;
                    sources.Add(frames);
                    first = Min(first, WireText.FromUnixMs(frames[0].RecvMs));
                    last = Max(last, WireText.FromUnixMs(frames[^1].RecvMs));
                }
                products.AddRange(scales.Select(p => ImportedProduct.From(p.Key, p.Value)));
            }
            else
            {
                foreach (var series in ReadBars(request, issues))
                {
                    var synthesizer = new BarFeedSynthesizer(series, request.SpreadBps);
                    sources.Add(synthesizer.Frames());
                    products.Add(ImportedProduct.From(series.ProductId, series.PriceScale));
                    first = Min(first, synthesizer.FirstFrameAt);
                    last = Max(last, synthesizer.LastFrameAt);
                }
            }
        }
        catch (IOException e)
        {
            throw new ImportInputException($"cannot read input: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ImportInputException($"cannot read input: {e.Message}", e);
        }

        if (first is null || last is null)
            throw new ImportInputException("no usable market data in the inputs" + (issues.BadLines > 0 ? $" ({issues.BadLines} bad lines)" : ""));

        var start = first.Value.ToUnixTimeMilliseconds();
        var end = last.Value.ToUnixTimeMilliseconds();
        var all = new List<IEnumerable<CaptureFrame>> { new CaptureFrame[] { new StatusFrame(start, products) }, Heartbeats(start, end) };
        all.AddRange(sources);

        var byChannel = new SortedDictionary<string, long>(StringComparer.Ordinal);
        long written;
        using (var writer = new CaptureFileWriter(request.Out))
        {
            writer.Comment($"trader capture import --format {CaptureFormats.Name(request.Format)}"
                + (request.Product is null ? "" : $" --product {request.Product}")
                + (request.From is null ? "" : $" --from {request.From:O}")
                + (request.To is null ? "" : $" --to {request.To:O}")
                + (request.Format is CaptureFormat.Cryptofeed ? "" : $" --spread-bps {WireText.Number(request.SpreadBps)}"));
            writer.Comment("source: " + string.Join(", ", request.Inputs.Select(SourceName)));
            writer.Comment("products: " + string.Join(", ", products.Select(p => p.ProductId)));
            if (request.Format is not CaptureFormat.Cryptofeed)
                writer.Comment("synthesized from bars: ticker every 2 s along open -> extreme nearer the open -> other extreme -> close, "
                    + "market_trades every 4 s with the bar volume split evenly, heartbeats every 1 s, one status snapshot (docs/REPLAY.md)");
            foreach (var frame in Merge(all))
            {
                writer.Write(frame);
                byChannel[frame.Channel] = byChannel.GetValueOrDefault(frame.Channel) + 1;
            }
            written = writer.FramesWritten;
        }
        return new ImportResult(written, byChannel, products.Select(p => p.ProductId).ToList(), first, last, skipped, issues);
    }

    /// <summary>Folder and file name of an input: enough to identify it, nothing that depends on where it lies.</summary>
    private static string SourceName(string input)
    {
        var full = Path.GetFullPath(input);
        return Path.GetFileName(Path.GetDirectoryName(full)) + "/" + Path.GetFileName(full);
    }

    private static IEnumerable<BarSeries> ReadBars(ImportRequest request, ImportIssues issues)
    {
        var byProduct = new SortedDictionary<string, List<SourceBar>>(StringComparer.Ordinal);
        foreach (var input in request.Inputs)
        {
            var (product, bars) = request.Format switch
            {
                CaptureFormat.LeanQuote => LeanMinuteReader.Read(input, quotes: true, request.Product, issues),
                CaptureFormat.LeanTrade => LeanMinuteReader.Read(input, quotes: false, request.Product, issues),
                _ => CandleCsvReader.Read(input, request.Product, issues),
            };
            if (!byProduct.TryGetValue(product, out var list)) byProduct[product] = list = [];
            list.AddRange(bars);
        }
        TimeSpan? length = request.Format is CaptureFormat.LeanQuote or CaptureFormat.LeanTrade ? TimeSpan.FromMinutes(1) : null;
        foreach (var (product, bars) in byProduct)
        {
            var quote = product[(product.IndexOf('-') + 1)..];
            // The bar length is inferred from every bar of the file, before --from/--to cut the span.
            var series = BarSeries.Build(product, bars, length, issues, fiatQuote: quote is "USD" or "EUR" or "GBP");
            var kept = series.Bars.Where(b => request.Keeps(b.Start)).ToList();
            if (kept.Count > 0) yield return series with { Bars = kept };
        }
    }

    private static IEnumerable<CaptureFrame> Heartbeats(long startMs, long endMs)
    {
        long counter = 0;
        for (var ms = startMs; ms <= endMs; ms += 1000)
            yield return new HeartbeatFrame(ms, ++counter, TimeSpan.FromMilliseconds(ms - startMs + 1000));
    }

    /// <summary>K-way merge by receive time; equal times keep source order, then each source's own order.</summary>
    private static IEnumerable<CaptureFrame> Merge(List<IEnumerable<CaptureFrame>> sources)
    {
        var queue = new PriorityQueue<(IEnumerator<CaptureFrame> Frames, int Source), (long Ms, int Source)>();
        var enumerators = new List<IEnumerator<CaptureFrame>>();
        try
        {
            for (var i = 0; i < sources.Count; i++)
            {
                var e = sources[i].GetEnumerator();
                enumerators.Add(e);
                if (e.MoveNext()) queue.Enqueue((e, i), (e.Current.RecvMs, i));
            }
            while (queue.TryDequeue(out var item, out _))
            {
                var frame = item.Frames.Current;
                yield return frame;
                if (item.Frames.MoveNext())
                {
                    if (item.Frames.Current.RecvMs < frame.RecvMs)
                        throw new InvalidOperationException("a frame source went back in time");
                    queue.Enqueue(item, (item.Frames.Current.RecvMs, item.Source));
                }
            }
        }
        finally
        {
            foreach (var e in enumerators) e.Dispose();
        }
    }

    private static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset b) => a is null || b < a ? b : a;

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset b) => a is null || b > a ? b : a;
}
