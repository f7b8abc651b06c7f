using Trader.Domain.Config;
using Trader.ExchangeSim.Market;

namespace Trader.Host.Execution;

/// <summary>How an <see cref="EmbeddedSimulatorVenue"/> starts: its clock, account, fees and market source.</summary>
public sealed record EmbeddedSimulatorSettings(TimeProvider Clock)
{
    /// <summary>Starting balances (default USD 10,000, the policy's backtest.initial_capital_usd default).</summary>
    public IReadOnlyDictionary<string, decimal> Balances { get; init; } = new Dictionary<string, decimal> { ["USD"] = 10_000m };

    /// <summary>Fractions: 0.004 = 0.4 %.</summary>
    public decimal MakerFeeRate { get; init; } = 0.004m;

    public decimal TakerFeeRate { get; init; } = 0.006m;

    /// <summary>Null = <see cref="MarketSource.External"/>: the embedding code feeds the books.</summary>
    public MarketSource? Market { get; init; }

    /// <summary>Seeds the simulator's ids and the client's retry jitter, so a replay is reproducible.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Coinbase's request limits; off for replays, whose clock stands still while a request is on the wire.</summary>
    public bool RateLimited { get; init; }

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public string CashCurrency { get; init; } = "USD";

    /// <summary>Faults the simulator injects (tests of the fallbacks; none by default).</summary>
    public Trader.ExchangeSim.Faults.FaultOptions Faults { get; init; } = Trader.ExchangeSim.Faults.FaultOptions.None;

    /// <summary>A simulator with the policy's fees and <c>backtest.initial_capital_usd</c> in USD.</summary>
    public static EmbeddedSimulatorSettings FromPolicy(PolicyConfig policy, TimeProvider clock, int seed) => new(clock)
    {
        Balances = new Dictionary<string, decimal> { ["USD"] = policy.Backtest.InitialCapitalUsd },
        MakerFeeRate = policy.Execution.MakerFeeBps / 10_000m,
        TakerFeeRate = policy.Execution.TakerFeeBps / 10_000m,
        Seed = seed,
    };
}
