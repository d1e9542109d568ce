using CsCheck;
using Depc.Core.Messages;
using Depc.Core.Naming;
using Depc.Core.Planning;

namespace Depc.Core.Tests.Planning;

/// <summary>A plan remembers its messages well enough to plan any subset of them again, without decoding anything.</summary>
public sealed class PlanSlicerPropertyTests
{
    private static readonly TeamName Team = TeamName.Parse("acme");

    // Few labels and names, so that messages keep naming the same nodes and relationships; bounds now and then.
    private static readonly Gen<NodeSpec> Node = Gen.Select(
        Gen.OneOf("A", "B", "C"), Gen.OneOf("x", "y", "z"), Gen.Long[0, 9].Nullable(0.7), Gen.Long[1, 9].Nullable(0.7),
        (l, n, f, t) => new NodeSpec(l, n, f, t));

    private static readonly Gen<GraphMessage> Message = Gen.Select(
        Node, Node.Null(0.3), Gen.Select(Gen.Long[0, 9].Nullable(0.5), Gen.Long[1, 9].Nullable(0.5), (f, t) => new RelSpec(f, t)).Null(0.3),
        (s, t, r) => new GraphMessage(s, t, r));

    // Each message with its own "now", and a subset of the messages to keep.
    private static readonly Gen<((GraphMessage Message, long Now)[], bool[])> MessagesAndKept =
        Gen.Select(Gen.Select(Message, Gen.Long[100, 200]).Array[0, 40], Gen.Bool.Array[40]);

    [Fact]
    public void A_slice_is_the_plan_of_the_kept_messages_alone()
    {
        MessagesAndKept.Sample((messages, keep) =>
        {
            var kept = Enumerable.Range(0, messages.Length).Where(i => keep[i]).ToList();

            var sliced = PlanSlicer.Keep(Plan(messages), kept);
            var direct = Plan([.. kept.Select(i => messages[i])]);

            Assert.Equal(PlanText.Describe(direct), PlanText.Describe(sliced));
            Assert.Equal(kept.Count, sliced.MessageCount);
        }, iter: 1_000);
    }

    [Fact]
    public void A_slice_of_a_slice_is_a_slice()
    {
        MessagesAndKept.Sample((messages, keep) =>
        {
            var plan = Plan(messages);
            var kept = Enumerable.Range(0, messages.Length).Where(i => keep[i]).ToList();
            var everyOther = Enumerable.Range(0, kept.Count).Where(i => i % 2 == 0).ToList();

            var twice = PlanSlicer.Keep(PlanSlicer.Keep(plan, kept), everyOther);
            var once = PlanSlicer.Keep(plan, [.. everyOther.Select(i => kept[i])]);

            Assert.Equal(PlanText.Describe(once), PlanText.Describe(twice));
        }, iter: 500);
    }

    [Fact]
    public void Kept_messages_must_be_ascending_indexes_of_the_plan()
    {
        var plan = Plan([(new GraphMessage(new NodeSpec("A", "x")), 1), (new GraphMessage(new NodeSpec("A", "y")), 1)]);

        Assert.Throws<ArgumentException>(() => PlanSlicer.Keep(plan, [1, 0]));
        Assert.Throws<ArgumentException>(() => PlanSlicer.Keep(plan, [2]));
        Assert.Throws<ArgumentException>(() => PlanSlicer.Keep(plan with { Messages = null }, [0]));
    }

    private static BatchPlan Plan((GraphMessage Message, long Now)[] messages)
    {
        var builder = new BatchPlanBuilder(Team, messages.Length);
        foreach (var (message, now) in messages)
        {
            builder.Add(message, now);
        }

        return builder.Build();
    }
}
