namespace Trader.Host.Backtest;

/// <summary>What a candle file's volume column counts: base units (the default) or quote notional (<c>--volume-unit quote</c>).</summary>
public enum VolumeUnit
{
    Base,
    Quote,
}
