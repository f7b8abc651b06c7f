using Trader.Coinbase.Parsing;
using Trader.Domain.Market;

namespace Trader.Coinbase.Tests.Parsing;

internal sealed class CollectingSink : IMarketEventSink
{
    public List<MarketEvent> Events { get; } = new();

    public void OnEvent(MarketEvent marketEvent) => Events.Add(marketEvent);
}
