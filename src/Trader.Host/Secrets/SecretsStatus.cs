using Trader.Domain.Config;

namespace Trader.Host.Secrets;

/// <summary>The API key as loaded at start and its rotation status: what the mode gate and the start-up log need.</summary>
public sealed record SecretsStatus(CredentialsLoadResult Credentials, RotationStatus Rotation)
{
    public bool KeysPresent => Credentials.KeysPresent;

    /// <summary>Loads the key through <paramref name="environment"/> and evaluates its rotation on <paramref name="time"/>.</summary>
    public static SecretsStatus Load(SecretsSection secrets, Func<string, string?> environment, TimeProvider time)
    {
        var credentials = SecretsLoader.Load(secrets, environment);
        return new SecretsStatus(credentials, KeyRotation.Evaluate(secrets, credentials.KeysPresent, time));
    }

    /// <summary>Lines to log at start: where the key came from (never the key), the rotation date, warnings, problems.</summary>
    public IEnumerable<string> StartupLines()
    {
        yield return Credentials.KeysPresent
            ? $"API key loaded from {Credentials.Source} ({Credentials.Credentials!.Kind})"
            : Credentials.Problems.Count > 0 ? "API key not loaded" : "API key: none configured";
        yield return Rotation.Report;
        foreach (var problem in Credentials.Problems)
            yield return "secrets: " + problem;
        foreach (var warning in Credentials.Warnings.Concat(Rotation.Warnings))
            yield return "secrets: warning: " + warning;
    }
}
