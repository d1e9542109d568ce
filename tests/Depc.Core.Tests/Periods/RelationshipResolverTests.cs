using Depc.Core.Periods;
using Depc.Core.Planning;
using Depc.Core.Storage;
using Depc.Core.Tests.Support;

namespace Depc.Core.Tests.Periods;

public sealed class RelationshipResolverTests
{
    [Fact]
    public void Resolve_applies_events_in_order_and_records_each_outcome_at_its_message_index()
    {
        PlannedEvent[] events = [new(1, 10, null), new(3, null, 20), new(4, null, 20), new(6, null, 5), new(7, 30, null), new(9, 40, null)];
        var outcomes = new MessageOutcome[10];
        outcomes.AsSpan().Fill((MessageOutcome)255);
        var rejections = new List<EventRejection>();

        var state = Resolving.Resolve(null, events, outcomes, rejections);

        States.AssertEqual(States.Of(LastState.From, 10, 20, 30), state);
        Assert.Equal(MessageOutcome.Accepted, outcomes[1]);
        Assert.Equal(MessageOutcome.Accepted, outcomes[3]);
        Assert.Equal(MessageOutcome.Duplicate, outcomes[4]);
        Assert.Equal(MessageOutcome.Rejected, outcomes[6]);
        Assert.Equal(MessageOutcome.Accepted, outcomes[7]);
        Assert.Equal(MessageOutcome.Duplicate, outcomes[9]);
        Assert.Equal((MessageOutcome)255, outcomes[0]);
        Assert.Equal((MessageOutcome)255, outcomes[8]);
        var rejection = Assert.Single(rejections);
        Assert.Equal(6, rejection.MessageIndex);
        Assert.Contains("{to: 5}", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_returns_null_when_nothing_was_accepted()
    {
        var stored = States.Of(LastState.From, 10);
        var outcomes = new MessageOutcome[3];
        var rejections = new List<EventRejection>();

        var state = Resolving.Resolve(stored, [new(0, 11, null), new(1, null, 3), new(2, 10, null)], outcomes, rejections);

        Assert.Null(state);
        Assert.Equal([MessageOutcome.Duplicate, MessageOutcome.Rejected, MessageOutcome.Duplicate], outcomes);
        Assert.Equal(1, Assert.Single(rejections).MessageIndex);
    }

    [Fact]
    public void Resolve_starts_from_the_stored_state()
    {
        var outcomes = new MessageOutcome[1];

        var state = Resolving.Resolve(States.Of(LastState.To, 10, 20), [new(0, 25, 30)], outcomes, []);

        States.AssertEqual(States.Of(LastState.To, 10, 20, 25, 30), state);
        Assert.Equal(MessageOutcome.Accepted, outcomes[0]);
    }

    [Fact]
    public void Resolve_with_no_events_changes_nothing()
    {
        Assert.Null(Resolving.Resolve(States.Of(LastState.From, 1), [], [], []));
        Assert.Null(Resolving.Resolve(null, [], [], []));
    }

    [Fact]
    public void Resolve_appends_rejections_to_the_list_it_is_given()
    {
        var rejections = new List<EventRejection> { new(99, "earlier") };

        Resolving.Resolve(null, [new(0, null, 5)], new MessageOutcome[1], rejections);

        Assert.Equal([99, 0], rejections.Select(r => r.MessageIndex));
    }
}
