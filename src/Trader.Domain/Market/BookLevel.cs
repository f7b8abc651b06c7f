namespace Trader.Domain.Market;

/// <summary>A level-2 price level. <see cref="Quantity"/> is the new absolute size; 0 removes the level.</summary>
public readonly record struct BookLevel(BookSide Side, decimal Price, decimal Quantity);
