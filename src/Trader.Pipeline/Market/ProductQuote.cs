using Trader.Domain.Market;

namespace Trader.Pipeline.Market;

/// <summary>A quote update of one product, from a ticker or from the level-2 top of book.</summary>
public readonly record struct ProductQuote(string ProductId, Quote Quote);
