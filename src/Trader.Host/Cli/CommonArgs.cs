namespace Trader.Host.Cli;

/// <summary>The resolved values of the global options.</summary>
public sealed record CommonArgs(string ConfigDir, string DataDir, string LogLevel);
