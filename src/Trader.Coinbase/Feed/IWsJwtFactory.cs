namespace Trader.Coinbase.Feed;

/// <summary>
/// Mints a fresh JWT for one WebSocket subscribe message (no <c>uri</c> claim; Coinbase wants a new token per
/// message). Implemented by the signer in <c>Trader.Coinbase/Auth</c>; null means "send unauthenticated".
/// </summary>
public interface IWsJwtFactory
{
    string? CreateWsJwt();
}
