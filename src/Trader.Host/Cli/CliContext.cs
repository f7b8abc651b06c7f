using System.Diagnostics.CodeAnalysis;
using Trader.Host.Locking;

namespace Trader.Host.Cli;

/// <summary>What a command needs from its surroundings: the clock, the console streams and the environment.</summary>
public sealed class CliContext
{
    public CliContext(Composition.ProcessClock clock, TextWriter output, TextWriter error, Func<string, string?> environment)
    {
        Clock = clock;
        Out = output;
        Error = error;
        Environment = environment;
    }

    public GlobalOptions Globals { get; } = new();
    public Composition.ProcessClock Clock { get; }
    public TextWriter Out { get; }
    public TextWriter Error { get; }
    public Func<string, string?> Environment { get; }

    /// <summary>
    /// Takes the data directory's instance lock (REQ-SI1) for a command that must run alone; false after writing who
    /// holds it to <see cref="Error"/> (the command then exits with <see cref="ExitCodes.AnotherInstance"/>).
    /// </summary>
    public bool TryLockDataDir(string dataDir, [NotNullWhen(true)] out InstanceLock? held)
    {
        if (InstanceLock.TryAcquire(dataDir, Clock.Real.Time, out held, out var refusal)) return true;
        Error.WriteLine(refusal);
        return false;
    }
}
