using Trader.Domain.Security;

namespace Trader.Host.Secrets;

/// <summary>
/// The API key as loaded from the environment or a key file: the credentials when a complete, parseable key is
/// present; <see cref="Problems"/> when something is set but wrong (never containing the key); neither when no key
/// is configured at all (fine for DRY_RUN and PAPER).
/// </summary>
public sealed record CredentialsLoadResult(ApiCredentials? Credentials, IReadOnlyList<string> Problems, IReadOnlyList<string> Warnings, string? Source)
{
    public static CredentialsLoadResult None { get; } = new(null, [], [], null);

    public bool KeysPresent => Credentials is not null;
}
