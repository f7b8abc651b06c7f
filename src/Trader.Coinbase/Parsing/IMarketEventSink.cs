using Trader.Domain.Market;

namespace Trader.Coinbase.Parsing;

/// <summary>Receives the typed events of a frame the parser accepted, in frame order.</summary>
public interface IMarketEventSink
{
    void OnEvent(MarketEvent marketEvent);
}
