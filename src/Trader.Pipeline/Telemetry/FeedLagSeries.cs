namespace Trader.Pipeline.Telemetry;

/// <summary>Feed lag (receive time − event time) for one channel.</summary>
public sealed record FeedLagSeries(string Channel, HistogramSnapshot Lag);
