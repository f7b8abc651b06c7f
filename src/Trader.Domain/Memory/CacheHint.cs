using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Trader.Domain.Memory;

/// <summary>
/// Asks the CPU to bring an array element into its caches before it is read. For reads the hardware prefetchers do not
/// foresee: one instruction that reads ten products' arrays in turn, one element a minute each (a backtest's candles,
/// the day-old slot of every product's indicator ring), would otherwise wait for memory at nearly every read. A hint
/// only: it reads and changes no value, cannot fault, and does nothing for an index outside the array or on a CPU
/// without the instruction.
/// </summary>
public static class CacheHint
{
    /// <summary>
    /// How far ahead, in minutes, a once-a-minute read is asked for: far enough to hide a memory read behind the cycles
    /// between, near enough to be still cached when read.
    /// </summary>
    public const int MinutesAhead = 16;

    public static unsafe void Prefetch<T>(T[] array, int index) where T : unmanaged
    {
        if (!Sse.IsSupported || (uint)index >= (uint)array.Length) return;
        // The address of an element of a movable array: at worst stale when the CPU takes the hint, which then costs
        // nothing but the hint.
        var at = (nuint)Unsafe.AsPointer(ref array[index]);
        // Every cache line the element touches (a 96-byte candle spans two or three).
        for (var line = at & ~LineMask; line < at + (nuint)sizeof(T); line += LineMask + 1)
            Sse.Prefetch0((void*)line);
    }

    private const nuint LineMask = 63;
}
