namespace Trader.Host.Import;

/// <summary>An input that cannot be imported at all (unreadable file, unknown layout): exit 2 with the message.</summary>
public sealed class ImportInputException(string message, Exception? inner = null) : Exception(message, inner);
