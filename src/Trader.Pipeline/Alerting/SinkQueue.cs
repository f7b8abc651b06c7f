using System.Threading.Channels;

namespace Trader.Pipeline.Alerting;

/// <summary>
/// One sink's delivery queue: delivers in order, and on failure retries the same notification with exponential
/// backoff on the clock (base → cap) until it succeeds, so a webhook that is down loses nothing.
/// </summary>
internal sealed class SinkQueue : IDisposable
{
    private readonly TimeProvider _time;
    private readonly AlertPolicy _policy;
    private readonly IAlertJournal _journal;
    private readonly Channel<AlertNotification> _channel = Channel.CreateUnbounded<AlertNotification>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _worker;
    private int _pending;
    private bool _waitingToRetry;
    private int _disposed;
    private TaskCompletionSource _idle = NewIdle(completed: true);
    private TaskCompletionSource _settled = NewIdle(completed: true);

    public SinkQueue(IAlertSink sink, TimeProvider time, AlertPolicy policy, IAlertJournal journal)
    {
        Sink = sink;
        _time = time;
        _policy = policy;
        _journal = journal;
        _worker = Task.Run(RunAsync);
    }

    public IAlertSink Sink { get; }

    public void Enqueue(AlertNotification notification)
    {
        lock (_channel)
        {
            if (_pending++ == 0) _idle = NewIdle(completed: false);
            if (!_waitingToRetry) SetBusy(true);
        }
        _channel.Writer.TryWrite(notification);
    }

    /// <summary>
    /// Completes when the queue is not actively delivering: idle, or sleeping on the clock before a retry.
    /// Virtual-time drivers await this before advancing the clock, so each retry delay starts at the right instant.
    /// </summary>
    public Task WhenSettledAsync(CancellationToken cancellationToken)
    {
        lock (_channel) return _settled.Task.WaitAsync(cancellationToken);
    }

    private void SetBusy(bool busy)
    {
        if (busy && _settled.Task.IsCompleted) _settled = NewIdle(completed: false);
        else if (!busy) _settled.TrySetResult();
    }

    public Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        lock (_channel) return _idle.Task.WaitAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        try
        {
            await foreach (var notification in _channel.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                await DeliverUntilDoneAsync(notification).ConfigureAwait(false);
                lock (_channel)
                {
                    if (--_pending == 0)
                    {
                        _idle.TrySetResult();
                        SetBusy(false);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task DeliverUntilDoneAsync(AlertNotification notification)
    {
        var delay = _policy.RetryBase;
        while (!_stop.IsCancellationRequested)
        {
            bool delivered;
            try
            {
                delivered = await Sink.DeliverAsync(notification, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                delivered = false;
            }

            if (delivered)
            {
                _journal.MarkDelivered(notification.Id, Sink.Name, _time.GetUtcNow());
                return;
            }

            var wait = Task.Delay(delay, _time, _stop.Token);
            lock (_channel)
            {
                _waitingToRetry = true;
                SetBusy(false);
            }
            try
            {
                await wait.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            lock (_channel)
            {
                _waitingToRetry = false;
                SetBusy(true);
            }
            delay = delay * 2 > _policy.RetryCap ? _policy.RetryCap : delay * 2;
        }
    }

    private static TaskCompletionSource NewIdle(bool completed)
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed) tcs.SetResult();
        return tcs;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _stop.Cancel();
        _channel.Writer.TryComplete();
        try { _worker.Wait(TimeSpan.FromSeconds(5)); }
        catch (AggregateException) { }
        _stop.Dispose();
    }
}
