using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace Trader.Host.Locking;

/// <summary>
/// The single-instance lock (REQ-SI1): an exclusive OS lock on <c>&lt;data-dir&gt;/trader.lock</c>, held for the life of
/// the process. On Linux the lock is a <c>flock(LOCK_EX)</c> on the open file (taken by .NET for
/// <see cref="FileShare.None"/> and taken again explicitly, so it holds even with .NET's file locking switched off);
/// the kernel releases it when the process exits in any way, kill -9 included, so a crashed holder never blocks the
/// next start. The holder's pid, host and start time are written to <c>trader.lock.owner</c> so a refused start can
/// name it. The lock file itself is never deleted (deleting a flock'd file lets two processes lock two inodes).
/// </summary>
public sealed class InstanceLock : IDisposable
{
    public const string FileName = "trader.lock";
    public const string OwnerFileName = "trader.lock.owner";

    private readonly FileStream _stream;
    private bool _disposed;

    private InstanceLock(string dataDirectory, FileStream stream, LockOwner owner)
    {
        DataDirectory = dataDirectory;
        _stream = stream;
        Owner = owner;
    }

    public string DataDirectory { get; }
    public LockOwner Owner { get; }

    /// <summary>
    /// Creates the data directory if needed (<see cref="Locking.DataDirectory.Prepare"/>) and takes the lock. False, with
    /// <paramref name="refusal"/> naming the holder, when another process holds it.
    /// </summary>
    public static bool TryAcquire(string dataDirectory, TimeProvider time, [NotNullWhen(true)] out InstanceLock? instanceLock, out string refusal)
    {
        var directory = Locking.DataDirectory.Prepare(dataDirectory);
        var lockPath = Path.Combine(directory, FileName);
        instanceLock = null;
        refusal = "";

        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = Locking.DataDirectory.FileMode;
        FileStream stream;
        try
        {
            stream = new FileStream(lockPath, options);
        }
        catch (IOException)
        {
            refusal = Refusal(directory);
            return false;
        }

        if (!OperatingSystem.IsWindows())
        {
            var fd = (int)stream.SafeFileHandle.DangerousGetHandle();
            if (NativeMethods.Flock(fd, NativeMethods.LockExclusive | NativeMethods.LockNonBlocking) != 0)
            {
                var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                stream.Dispose();
                if (errno != NativeMethods.WouldBlock)
                    throw new IOException($"cannot lock {lockPath}: flock failed with errno {errno}");
                refusal = Refusal(directory);
                return false;
            }
        }

        var owner = new LockOwner(Environment.ProcessId, Environment.MachineName, time.GetUtcNow());
        try
        {
            var json = owner.ToJson();
            WriteOwnerFile(directory, json);
            stream.SetLength(0);
            using (var writer = new StreamWriter(stream, leaveOpen: true)) writer.WriteLine(json); // for `cat`
        }
        catch
        {
            stream.Dispose();
            throw;
        }
        instanceLock = new InstanceLock(directory, stream, owner);
        return true;
    }

    /// <summary>The holder recorded in <paramref name="dataDirectory"/>, if any (a stale one may name a dead process).</summary>
    public static LockOwner? ReadOwner(string dataDirectory)
    {
        try
        {
            return LockOwner.TryParse(File.ReadAllText(Path.Combine(dataDirectory, OwnerFileName)));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        try { File.Delete(Path.Combine(DataDirectory, OwnerFileName)); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        _stream.Dispose(); // closing the descriptor releases the flock
    }

    /// <summary>
    /// The holder writes its owner file a moment after it takes the lock; a loser that arrives in between (or finds the
    /// file of a killed predecessor) waits a bounded number of spins for the live holder's record.
    /// </summary>
    private static string Refusal(string directory)
    {
        var spinner = new SpinWait();
        for (var i = 0; i < 2000; i++) // at most about two seconds, then name what is known
        {
            var owner = ReadOwner(directory);
            if (owner is not null && IsPlausiblyAlive(owner))
                return $"another instance holds {directory}: {owner}";
            spinner.SpinOnce(sleep1Threshold: 1);
        }
        return $"another instance holds {directory} (its owner record {Path.Combine(directory, OwnerFileName)} is missing or stale)";
    }

    private static bool IsPlausiblyAlive(LockOwner owner)
    {
        if (!string.Equals(owner.Host, Environment.MachineName, StringComparison.Ordinal)) return true;
        try
        {
            using var process = Process.GetProcessById(owner.Pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void WriteOwnerFile(string directory, string json)
    {
        var target = Path.Combine(directory, OwnerFileName);
        var temp = target + "." + Environment.ProcessId + ".tmp";
        File.WriteAllText(temp, json + Environment.NewLine);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, Locking.DataDirectory.FileMode);
        File.Move(temp, target, overwrite: true);
    }
}
