namespace Trader.Domain.Security;

/// <summary>
/// A Coinbase CDP API key: its name (<c>organizations/…/apiKeys/…</c>) and private key (an EC P-256 PEM for
/// ES256, or Coinbase's 88-character base64 Ed25519 secret). Loaded only from the environment or a key file
/// (REQ-SEC1); <see cref="ToString"/> never reveals the private key.
/// </summary>
public sealed record ApiCredentials(string KeyName, string PrivateKey)
{
    public ApiKeyKind Kind => PrivateKey.Contains("-----BEGIN", StringComparison.Ordinal) ? ApiKeyKind.Es256 : ApiKeyKind.Ed25519;

    public override string ToString() => $"ApiCredentials {{ KeyName = {KeyName}, PrivateKey = ***, Kind = {Kind} }}";
}
