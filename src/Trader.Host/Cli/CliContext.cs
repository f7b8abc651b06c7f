namespace Trader.Host.Cli;

/// <summary>What a command needs from its surroundings: the clock, the console streams and the environment.</summary>
public sealed class CliContext
{
    public CliContext(Composition.ProcessClock clock, TextWriter output, TextWriter error, Func<string, string?> environment)
    {
        Clock = clock;
        Out = output;
        Error = error;
        Environment = environment;
    }

    public GlobalOptions Globals { get; } = new();
    public Composition.ProcessClock Clock { get; }
    public TextWriter Out { get; }
    public TextWriter Error { get; }
    public Func<string, string?> Environment { get; }
}
