using Trader.ExchangeSim.Auth;
using Trader.ExchangeSim.Faults;
using Trader.ExchangeSim.Market;

namespace Trader.ExchangeSim;

/// <summary>Everything an <see cref="ExchangeSimulator"/> is started with.</summary>
public sealed record SimulatorOptions
{
    public SimulatorOptions(TimeProvider clock) => Clock = clock;

    /// <summary>The only clock the simulator reads: JWT exp/nbf, timestamps, heartbeats, rate-limit windows, faults,
    /// capture pacing. A replay passes its virtual clock; <c>trader sim</c> passes real time.</summary>
    public TimeProvider Clock { get; init; }
    /// <summary>0 = any free port.</summary>
    public int Port { get; init; }
    /// <summary>The address to bind (loopback unless told otherwise).</summary>
    public string BindAddress { get; init; } = "127.0.0.1";
    /// <summary>Starting balances per currency (default USD=100000).</summary>
    public IReadOnlyDictionary<string, decimal> Balances { get; init; } = new Dictionary<string, decimal> { ["USD"] = 100000m };
    /// <summary>Listed products; a capture adds products it mentions with <see cref="SimProduct.ForId"/> defaults.</summary>
    public IReadOnlyList<SimProduct> Products { get; init; } = [SimProduct.BtcUsd(), SimProduct.EthUsd()];
    public MarketSource Market { get; init; } = MarketSource.RandomWalk(1);
    /// <summary>Fractions: 0.004 = 0.4 %.</summary>
    public decimal MakerFeeRate { get; init; } = 0.004m;
    public decimal TakerFeeRate { get; init; } = 0.006m;
    public FaultOptions Faults { get; init; } = FaultOptions.None;
    /// <summary>Seeds ids and fault draws so runs are reproducible.</summary>
    public int Seed { get; init; } = 1;
    public IReadOnlyList<AcceptedKey> AcceptedKeys { get; init; } = [];
    /// <summary>Tolerance on <c>exp</c>/<c>nbf</c>.</summary>
    public TimeSpan JwtLeeway { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Requests per second per key (private) and per IP (public); 0 disables the limit.</summary>
    public int PrivateRequestsPerSecond { get; init; } = 30;
    public int PublicRequestsPerSecond { get; init; } = 10;
    /// <summary>A connection that has not subscribed to anything this long after opening is closed.</summary>
    public TimeSpan SubscribeTimeout { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>A connection without <c>heartbeats</c> that received no frame this long is closed; null disables.</summary>
    public TimeSpan? IdleTimeout { get; init; } = TimeSpan.FromSeconds(90);
    /// <summary>Same client_order_id with a different body: <c>DUPLICATE_CLIENT_ORDER_ID</c> (true) or the
    /// original order (false). Same body always returns the original order.</summary>
    public bool RejectConflictingClientOrderId { get; init; } = true;
    /// <summary>The account's user id (the user channel's subscription value).</summary>
    public string UserId { get; init; } = "5b1c8f0e-6a0e-4c59-9d7e-000000000001";
    public string PortfolioId { get; init; } = "5b1c8f0e-6a0e-4c59-9d7e-000000000002";
}
