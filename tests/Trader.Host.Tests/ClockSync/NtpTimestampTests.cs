using Trader.Host.ClockSync;

namespace Trader.Host.Tests.ClockSync;

public sealed class NtpTimestampTests
{
    [Fact]
    public void The_unix_epoch_is_2208988800_seconds_after_the_ntp_epoch()
    {
        var value = NtpTimestamp.FromTime(DateTimeOffset.UnixEpoch);
        Assert.Equal(2208988800UL << 32, value);
        Assert.Equal(DateTimeOffset.UnixEpoch, NtpTimestamp.ToTime(value));
    }

    [Theory]
    [InlineData("2025-01-06T12:00:00.0000000Z")]
    [InlineData("2026-11-25T16:04:14.1234567Z")]
    [InlineData("2036-02-07T06:28:15.9999999Z")]
    [InlineData("2036-02-07T06:28:16.0000000Z")]
    [InlineData("2050-07-01T00:00:00.5000000Z")]
    public void Times_round_trip_to_a_tick_across_the_2036_era_boundary(string text)
    {
        var time = DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(time, NtpTimestamp.ToTime(NtpTimestamp.FromTime(time)));
    }

    [Fact]
    public void Half_a_second_is_the_top_bit_of_the_fraction()
    {
        var value = NtpTimestamp.FromTime(DateTimeOffset.UnixEpoch.AddMilliseconds(500));
        Assert.Equal(0x8000_0000UL, value & 0xFFFF_FFFFUL);
    }

    [Theory]
    [InlineData("time.google.com", "time.google.com", 123)]
    [InlineData("127.0.0.1:10123", "127.0.0.1", 10123)]
    [InlineData("pool.ntp.org:123", "pool.ntp.org", 123)]
    public void Servers_are_host_with_an_optional_port(string text, string host, int port)
    {
        Assert.Equal(new NtpServerAddress(host, port), NtpServerAddress.Parse(text));
    }

    [Theory]
    [InlineData("host:0")]
    [InlineData("host:99999")]
    [InlineData(":123")]
    [InlineData("host:abc")]
    public void A_bad_server_entry_is_a_format_error(string text)
    {
        Assert.Throws<FormatException>(() => NtpServerAddress.Parse(text));
    }
}
