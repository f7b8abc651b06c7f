using Trader.Host.Locking;
using Trader.Testing;

namespace Trader.Host.Tests.Locking;

public sealed class InstanceLockTests
{
    [Fact]
    [Trait("Req", "REQ-SI1")]
    public void A_second_acquire_is_refused_naming_the_holder_until_the_first_is_released()
    {
        using var dir = new TempDir();
        var data = Path.Combine(dir.Path, "var");
        var clock = VirtualTime.Create();

        Assert.True(InstanceLock.TryAcquire(data, clock.TimeProvider, out var first, out _));
        using (first)
        {
            Assert.False(InstanceLock.TryAcquire(data, clock.TimeProvider, out var second, out var refusal));
            Assert.Null(second);
            Assert.Equal(
                $"another instance holds {data}: pid {Environment.ProcessId} on host {Environment.MachineName} since 2025-01-06T12:00:00.000Z",
                refusal);
            Assert.Equal(first.Owner, InstanceLock.ReadOwner(data));
        }

        Assert.Null(InstanceLock.ReadOwner(data)); // a clean release removes the owner record
        Assert.True(InstanceLock.TryAcquire(data, clock.TimeProvider, out var third, out _));
        third.Dispose();
    }

    [Fact]
    public void The_data_directory_is_0700_and_the_lock_files_0600()
    {
        if (OperatingSystem.IsWindows()) return;
        using var dir = new TempDir();
        var data = Path.Combine(dir.Path, "var");

        Assert.True(InstanceLock.TryAcquire(data, VirtualTime.Create().TimeProvider, out var held, out _));
        using (held)
        {
            Assert.Equal(DataDirectory.DirectoryMode, File.GetUnixFileMode(data));
            Assert.Equal(DataDirectory.FileMode, File.GetUnixFileMode(Path.Combine(data, InstanceLock.FileName)));
            Assert.Equal(DataDirectory.FileMode, File.GetUnixFileMode(Path.Combine(data, InstanceLock.OwnerFileName)));
        }
    }

    [Fact]
    public void The_owner_record_round_trips_and_garbage_is_not_an_owner()
    {
        var owner = new LockOwner(4242, "box", VirtualTime.Epoch);
        Assert.Equal(owner, LockOwner.TryParse(owner.ToJson()));
        Assert.Contains("\"pid\":4242", owner.ToJson());
        Assert.Null(LockOwner.TryParse("{not json"));
        Assert.Null(LockOwner.TryParse("{}"));
    }
}
