using Trader.Domain.Decisions;
using Trader.Domain.Risk;
using Trader.Domain.Rules;
using Trader.Domain.Trading;

namespace Trader.Domain.Tests.Decisions;

public sealed class ReasonTextTests
{
    [Fact]
    public void A_deferred_text_is_written_once_when_first_read_from_the_state_it_was_given()
    {
        var writes = 0;
        var state = new List<int> { 1 };
        // The state is copied when the decision is made: later changes to what it was taken from do not show.
        var text = ReasonText.Later(state.Count, count => { writes++; return $"{count} open"; });
        state.Add(2);
        Assert.Equal(0, writes);

        Assert.Equal("1 open", text.ToString());
        Assert.Equal("1 open", text.ToString());
        Assert.Equal(1, writes);
    }

    [Fact]
    public void Deferred_and_written_texts_are_equal_by_text_so_decisions_compare_as_before()
    {
        var written = new Rejection("BTC-USD", OrderSide.Buy, ProposalKind.Entry, ReasonCodes.Cooldown, "filled; cooling down");
        var deferred = new Rejection("BTC-USD", OrderSide.Buy, ProposalKind.Entry, ReasonCodes.Cooldown,
            ReasonText.Later("filled", static s => s + "; cooling down"));
        var other = new Rejection("BTC-USD", OrderSide.Buy, ProposalKind.Entry, ReasonCodes.Cooldown, "stopped out");

        Assert.Equal(written, deferred);
        Assert.Equal(written.GetHashCode(), deferred.GetHashCode());
        Assert.NotEqual(written, other);
        Assert.Equal("filled; cooling down", deferred.Detail);
    }
}
