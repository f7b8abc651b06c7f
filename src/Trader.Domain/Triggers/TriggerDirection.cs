namespace Trader.Domain.Triggers;

/// <summary>Which way a trigger points: a rising or a falling market (moves are signed).</summary>
public enum TriggerDirection
{
    Up,
    Down,
}
