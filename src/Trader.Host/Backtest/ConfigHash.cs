using System.Security.Cryptography;
using System.Text;
using Trader.Host.Configuration;

namespace Trader.Host.Backtest;

/// <summary>The report's <c>config_hash</c>: SHA-256 over each of the four config files' name and bytes (absent files marked).</summary>
public static class ConfigHash
{
    public static string Of(string configDir)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var name in ConfigFiles.All)
        {
            var path = Path.Combine(configDir, name);
            hash.AppendData(Encoding.UTF8.GetBytes(name + "\n"));
            hash.AppendData(File.Exists(path) ? File.ReadAllBytes(path) : Encoding.UTF8.GetBytes("(absent)"));
            hash.AppendData("\n"u8);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
