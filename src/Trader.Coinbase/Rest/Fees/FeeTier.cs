using System.Text.Json.Serialization;

namespace Trader.Coinbase.Rest.Fees;

/// <summary>The fee tier in force; rates are fractions (0.008 = 0.80 %).</summary>
public sealed record FeeTier(string? PricingTier, decimal? UsdFrom, decimal? UsdTo, [property: JsonRequired] decimal TakerFeeRate, [property: JsonRequired] decimal MakerFeeRate);
