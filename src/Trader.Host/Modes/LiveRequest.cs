using Trader.Domain.Config;
using Trader.Domain.Trading;
using Trader.Host.Secrets;

namespace Trader.Host.Modes;

/// <summary>What a go-live check looks at: the mode asked for on the command line (null when <c>--mode</c> was not given), the validated config, and the secrets as loaded.</summary>
public sealed record LiveRequest(TradingMode? ModeFlag, TraderConfig Config, SecretsStatus Secrets);
