namespace Trader.Host.Backtest;

/// <summary>The exposure of one theme in percent of NAV: the largest seen at any cycle and the one at the end.</summary>
public readonly record struct ThemeExposure(double MaxPct, double FinalPct);
