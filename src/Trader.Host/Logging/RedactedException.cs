namespace Trader.Host.Logging;

/// <summary>
/// Stands in for a logged exception after redaction: its message, stack trace and <see cref="ToString"/> (which is
/// what every sink writes, inner exceptions included) are the original's with secrets masked.
/// </summary>
internal sealed class RedactedException : Exception
{
    private readonly string _text;
    private readonly string? _stackTrace;

    public RedactedException(Exception original, SecretRedactor redactor)
        : base(redactor.Redact(Safely(() => original.Message)))
    {
        _text = redactor.Redact(Safely(original.ToString));
        _stackTrace = original.StackTrace is null ? null : redactor.Redact(Safely(() => original.StackTrace));
    }

    public override string? StackTrace => _stackTrace;

    public override string ToString() => _text;

    private static string Safely(Func<string?> read)
    {
        try
        {
            return read() ?? "";
        }
        catch (Exception e)
        {
            return $"(exception text unavailable: {e.GetType().Name})";
        }
    }
}
