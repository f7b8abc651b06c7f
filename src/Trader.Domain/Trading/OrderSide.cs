namespace Trader.Domain.Trading;

public enum OrderSide
{
    Buy,
    Sell,
}
