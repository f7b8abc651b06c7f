namespace Trader.Host.Locking;

/// <summary>
/// The data directory (state DB, logs, lock, kill file, reports) is private to its owner (CONTRACTS.md §1): created
/// with mode 0700, and the process umask is set to 077 so every file created later (SQLite's WAL, rolled log files,
/// reports) is 0600 without each writer having to remember it.
/// </summary>
public static class DataDirectory
{
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static string Prepare(string path)
    {
        var full = Path.GetFullPath(path);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(full);
            return full;
        }
        NativeMethods.Umask(0b000_111_111); // 077
        if (!Directory.Exists(full))
            Directory.CreateDirectory(full, DirectoryMode); // an existing directory keeps the mode its owner gave it
        return full;
    }
}
