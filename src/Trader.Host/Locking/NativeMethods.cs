using System.Runtime.InteropServices;

namespace Trader.Host.Locking;

/// <summary>The two libc calls the lock needs on Unix: flock (released by the kernel when the process dies) and umask.</summary>
internal static class NativeMethods
{
    public const int LockExclusive = 2;   // LOCK_EX
    public const int LockNonBlocking = 4; // LOCK_NB
    public const int WouldBlock = 11;     // EWOULDBLOCK (= EAGAIN) on Linux

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    public static extern int Flock(int fd, int operation);

    [DllImport("libc", EntryPoint = "umask")]
    public static extern uint Umask(uint mask);
}
