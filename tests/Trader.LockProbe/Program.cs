using System.Globalization;
using Trader.Host.Cli;
using Trader.Host.Locking;

// Usage: Trader.LockProbe <data-dir>
// Takes the instance lock like `trader run` does; on success prints "acquired <pid>" and holds the lock until its
// standard input is closed (exit 0). When another instance holds it: the refusal on stderr, exit 3.
if (!InstanceLock.TryAcquire(args[0], TimeProvider.System, out var instanceLock, out var refusal))
{
    Console.Error.WriteLine(refusal);
    return ExitCodes.AnotherInstance;
}
using (instanceLock)
{
    Console.Out.WriteLine("acquired " + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
    Console.Out.Flush();
    Console.In.ReadToEnd();
}
return ExitCodes.Ok;
