namespace Trader.Domain.Universe;

/// <summary>
/// A product's tier in universe.yaml: the tier's name (<c>tier_1_core</c>), the key of its base size in
/// strategy.base_position_pct (<c>tier1</c>), its allocation cap and spread limit (already capped by
/// liquidity.max_spread_bps) and its minimum 24 h volume.
/// </summary>
public sealed record TierAssignment(
    string Name,
    string BaseSizeKey,
    decimal MaxAllocationPct,
    decimal MaxSpreadBps,
    decimal Min24hVolumeUsd);
