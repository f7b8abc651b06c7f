using System.Globalization;

namespace Trader.Host.Replay;

/// <summary>
/// <c>--speed</c>: <c>max</c> (no real waiting) or <c>Nx</c> (virtual time runs N times faster than real time;
/// <c>1x</c> is real time). Pacing changes only when frames are processed, never what is computed.
/// </summary>
public readonly record struct ReplaySpeed(double? Factor)
{
    public static ReplaySpeed Max => new(null);

    public bool IsMax => Factor is null;

    public static bool TryParse(string? text, out ReplaySpeed speed)
    {
        speed = Max;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var value = text.Trim().ToLowerInvariant();
        if (value == "max") return true;
        if (!value.EndsWith('x')) return false;
        if (!double.TryParse(value[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var factor)
            || !double.IsFinite(factor) || factor <= 0) return false;
        speed = new ReplaySpeed(factor);
        return true;
    }

    public override string ToString() => Factor is { } f ? f.ToString(CultureInfo.InvariantCulture) + "x" : "max";
}
