using Trader.Domain.Config;
using Trader.Domain.Security;

namespace Trader.Host.Secrets;

/// <summary>
/// Loads the API key only from the environment (REQ-SEC1): the key name from the variable named by
/// <c>secrets.key_name_env</c>, the private key from the variable named by <c>secrets.private_key_env</c> or from
/// the file whose path is in the variable named by <c>secrets.private_key_file_env</c>. The environment is a
/// function so tests (and the CLI's <c>CliContext.Environment</c>) decide what it holds. Nothing here ever prints
/// a key: problems name variables and files only.
/// </summary>
public static class SecretsLoader
{
    public static CredentialsLoadResult Load(SecretsSection secrets, Func<string, string?> environment)
    {
        var keyName = Value(environment, secrets.KeyNameEnv);
        var inlineKey = Value(environment, secrets.PrivateKeyEnv);
        var keyFile = Value(environment, secrets.PrivateKeyFileEnv);
        if (keyName is null && inlineKey is null && keyFile is null)
            return CredentialsLoadResult.None;

        var problems = new List<string>();
        var warnings = new List<string>();
        if (keyName is null)
            problems.Add($"a private key is set but {secrets.KeyNameEnv} (the key name) is not");
        if (inlineKey is not null && keyFile is not null)
            problems.Add($"both {secrets.PrivateKeyEnv} and {secrets.PrivateKeyFileEnv} are set; set only one");
        if (inlineKey is null && keyFile is null)
            problems.Add($"{secrets.KeyNameEnv} is set but neither {secrets.PrivateKeyEnv} nor {secrets.PrivateKeyFileEnv} is");
        if (problems.Count > 0 || keyName is null)
            return new CredentialsLoadResult(null, problems, warnings, null);

        string source;
        string? rawKey;
        if (inlineKey is not null)
        {
            source = $"environment variable {secrets.PrivateKeyEnv}";
            rawKey = inlineKey;
        }
        else
        {
            source = $"key file named by {secrets.PrivateKeyFileEnv}";
            rawKey = ReadKeyFile(keyFile!, secrets.PrivateKeyFileEnv, problems, warnings);
        }
        if (rawKey is null)
            return new CredentialsLoadResult(null, problems, warnings, source);

        var privateKey = PrivateKeyCheck.Normalize(rawKey);
        var keyProblem = PrivateKeyCheck.Problem(privateKey);
        if (keyProblem is not null)
        {
            problems.Add($"the private key from {source} {keyProblem}");
            return new CredentialsLoadResult(null, problems, warnings, source);
        }
        if (keyName.Any(char.IsWhiteSpace))
        {
            problems.Add($"{secrets.KeyNameEnv} contains whitespace; it must be the key name exactly as Coinbase shows it");
            return new CredentialsLoadResult(null, problems, warnings, source);
        }
        var credentials = new ApiCredentials(keyName, privateKey);
        if (credentials.Kind == ApiKeyKind.Es256 && !keyName.StartsWith("organizations/", StringComparison.Ordinal))
            warnings.Add($"{secrets.KeyNameEnv} does not look like an ES256 key name (organizations/…/apiKeys/…)");
        return new CredentialsLoadResult(credentials, problems, warnings, source);
    }

    private static string? Value(Func<string, string?> environment, string name)
    {
        var value = environment(name);
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    private static string? ReadKeyFile(string path, string variable, List<string> problems, List<string> warnings)
    {
        try
        {
            if (!File.Exists(path))
            {
                problems.Add($"{variable} names a key file that does not exist: {path}");
                return null;
            }
            if (!OperatingSystem.IsWindows())
            {
                var mode = File.GetUnixFileMode(path);
                if ((mode & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
                    warnings.Add($"the key file named by {variable} is readable by other users; chmod 600 it");
            }
            var text = File.ReadAllText(path);
            if (string.IsNullOrWhiteSpace(text))
            {
                problems.Add($"the key file named by {variable} is empty: {path}");
                return null;
            }
            return text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"the key file named by {variable} cannot be read: {path} ({e.GetType().Name})");
            return null;
        }
    }
}
