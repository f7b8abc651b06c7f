using System.Globalization;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace Trader.Host.Logging;

/// <summary>
/// Sits in front of every sink (<see cref="TraderLogging"/> wraps them all): rewrites each event with secrets masked in
/// the message template text, in every property value (recursively through structures, sequences and dictionaries,
/// keys included; objects captured by ToString are re-rendered and masked) and in the exception's text.
/// </summary>
internal sealed class RedactingSink : ILogEventSink
{
    private static readonly MessageTemplateParser Parser = new();

    private readonly ILogEventSink _inner;
    private readonly SecretRedactor _redactor;

    public RedactingSink(ILogEventSink inner, SecretRedactor redactor)
    {
        _inner = inner;
        _redactor = redactor;
    }

    public void Emit(LogEvent logEvent) => _inner.Emit(Redact(logEvent));

    internal LogEvent Redact(LogEvent e)
    {
        var text = e.MessageTemplate.Text;
        var redactedText = _redactor.Redact(text);
        var template = ReferenceEquals(text, redactedText) || text == redactedText ? e.MessageTemplate : Parser.Parse(redactedText);
        var introduced = IntroducedSecrets(template);
        var properties = e.Properties
            .Select(p => new LogEventProperty(p.Key, introduced.Contains(p.Key) ? MaskedValue : RedactNamed(p.Key, p.Value)))
            .ToList();
        var exception = e.Exception is null ? null : new RedactedException(e.Exception, _redactor);
        return new LogEvent(e.Timestamp, e.Level, exception, template, properties, e.TraceId ?? default, e.SpanId ?? default);
    }

    private LogEventPropertyValue Redact(LogEventPropertyValue value) => value switch
    {
        ScalarValue scalar => Redact(scalar),
        SequenceValue sequence => new SequenceValue(sequence.Elements.Select(Redact)),
        StructureValue structure => new StructureValue(
            structure.Properties.Select(p => new LogEventProperty(p.Name, RedactNamed(p.Name, p.Value))),
            structure.TypeTag is null ? null : _redactor.Redact(structure.TypeTag)),
        DictionaryValue dictionary => new DictionaryValue(dictionary.Elements.Select(kv =>
            new KeyValuePair<ScalarValue, LogEventPropertyValue>(Redact(kv.Key), RedactNamed(kv.Key.Value as string, kv.Value)))),
        _ => new ScalarValue(_redactor.Redact(value.ToString())),
    };

    /// <summary>Properties whose template text announces a credential ("Bearer {Token}").</summary>
    private static HashSet<string> IntroducedSecrets(MessageTemplate template)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        TextToken? previous = null;
        foreach (var token in template.Tokens)
        {
            if (token is PropertyToken property && previous is not null && SecretRedactor.IntroducesSecret(previous.Text))
                names.Add(property.PropertyName);
            previous = token as TextToken;
        }
        return names;
    }

    /// <summary>A value under a credential-like name is masked whole; any other is redacted by content.</summary>
    private LogEventPropertyValue RedactNamed(string? name, LogEventPropertyValue value) =>
        SecretRedactor.IsSensitiveName(name) ? MaskedValue : Redact(value);

    private static readonly ScalarValue MaskedValue = new(SecretRedactor.Mask);

    private ScalarValue Redact(ScalarValue scalar) => scalar.Value switch
    {
        null or bool or char or byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal
            or DateTime or DateTimeOffset or TimeSpan or DateOnly or TimeOnly or Guid or Enum => scalar,
        string s => new ScalarValue(_redactor.Redact(s)),
        IFormattable formattable => new ScalarValue(_redactor.Redact(formattable.ToString(null, CultureInfo.InvariantCulture))),
        var other => new ScalarValue(_redactor.Redact(Safely(other))),
    };

    private static string Safely(object value)
    {
        try
        {
            return value.ToString() ?? "";
        }
        catch (Exception e)
        {
            return $"(ToString failed: {e.GetType().Name})";
        }
    }
}
