using Serilog;
using Trader.Coinbase.Rest;
using Trader.Domain.Config;
using Trader.Domain.Market;
using Trader.Domain.Security;
using Trader.Domain.Trading;
using Trader.Pipeline.Alerts;
using Trader.Pipeline.Clock;
using Trader.Pipeline.Decisions;
using Trader.Pipeline.Market;
using Trader.Pipeline.Safety;
using Trader.State.Storage;

namespace Trader.Host.Runtime;

/// <summary>What <see cref="ExecutionSetup"/> composes from: the run's mode and venue, config, keys, clock and the parts of the service it plugs into.</summary>
public sealed record ExecutionInputs(
    TradingMode Mode,
    VenueChoice Venue,
    TraderConfig Config,
    string DataDir,
    ApiCredentials? Keys,
    TraderClock Clock,
    StateStore Store,
    MarketState Market,
    IReadOnlyList<string> Products,
    KillSwitch KillSwitch,
    Action<GuardAlert> RaiseAlert,
    IDecisionJournalSink Journal,
    ILogger Log,
    Action<RestLatencySample>? RestLatency = null,
    Func<ProductHealth>? ExchangeHealth = null);
