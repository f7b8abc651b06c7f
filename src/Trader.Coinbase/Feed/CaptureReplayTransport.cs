using Trader.Coinbase.Capture;

namespace Trader.Coinbase.Feed;

/// <summary>
/// A capture file (CONTRACTS.md §8) as a live feed: frames are emitted at the pace they were recorded, measured on the
/// injected clock from the first frame (frame n is due <c>recv_n − recv_0</c> after the start), each stamped with the
/// clock's time when it is emitted (the edge stamp, as for a socket). One "connection" spans the whole file; at its end
/// the transport reports a disconnect with <see cref="FeedDisconnectReason.Stopped"/> and emits nothing more. Bad
/// lines are skipped and counted (<see cref="BadLines"/>), never thrown. <see cref="Resubscribe"/> is a no-op: a
/// recording cannot be asked for a fresh snapshot.
/// </summary>
public sealed class CaptureReplayTransport : IFeedTransport, IAsyncDisposable
{
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private Task? _run;
    private long _frames;
    private long _badLines;

    public CaptureReplayTransport(string path, TimeProvider time)
    {
        _path = path ?? throw new ArgumentNullException(nameof(path));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    public event Action<ReceivedFrame>? FrameReceived;

    public event Action<FeedConnected>? Connected;

    public event Action<FeedDisconnected>? Disconnected;

    /// <summary>Raised once at the end of the file (or when reading failed): frames emitted, bad lines, the problem if any.</summary>
    public event Action<long, long, string?>? Finished;

    public long FramesEmitted => Interlocked.Read(ref _frames);

    public long BadLines => Interlocked.Read(ref _badLines);

    /// <summary>None: a recording has no subscriptions, so no channel is watched for its first frame.</summary>
    public IReadOnlyList<string> Channels => [];

    public void Start() => _run ??= Task.Run(() => RunAsync(_stop.Token));

    public void Resubscribe(string channel)
    {
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        string? problem = null;
        try
        {
            using var reader = CaptureReader.Open(_path);
            reader.BadLine += _ => Interlocked.Increment(ref _badLines);
            var start = _time.GetTimestamp();
            long? first = null;
            Connected?.Invoke(new FeedConnected(1, false, _time.GetUtcNow()));
            while (reader.TryReadNext(out var frame))
            {
                first ??= frame.RecvUnixMs;
                var due = TimeSpan.FromMilliseconds(frame.RecvUnixMs - first.Value) - _time.GetElapsedTime(start);
                if (due > TimeSpan.Zero) await Task.Delay(due, _time, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _frames);
                FrameReceived?.Invoke(new ReceivedFrame(1, _time.GetUtcNow(), frame.Frame));
            }
        }
        catch (OperationCanceledException)
        {
            problem = "stopped";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            problem = e.Message;
        }
        Disconnected?.Invoke(new FeedDisconnected(1, FeedDisconnectReason.Stopped, problem ?? "end of capture", FramesEmitted, _time.GetUtcNow()));
        Finished?.Invoke(FramesEmitted, BadLines, problem);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_run is not null) await _run.ConfigureAwait(false);
        _stop.Dispose();
    }
}
