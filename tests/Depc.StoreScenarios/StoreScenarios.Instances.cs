using Depc.Core.Storage;

namespace Depc.StoreScenarios;

/// <summary>Each instance's beat, kept beside the graph so that every instance on the store can list the others.</summary>
public abstract partial class StoreScenarios
{
    [Fact]
    public async Task Each_instance_keeps_its_own_beat_and_one_silent_for_too_long_is_forgotten()
    {
        var (a, b) = ("a-" + ScenarioTeams.New().Value, "b-" + ScenarioTeams.New().Value);
        var beatA = new InstanceBeat(a, "host-a", [new HeldPartition("depc.x", 0, 5), new HeldPartition("depc.x", 3, 0)], 990, 1_000);
        var beatB = new InstanceBeat(b, "host-b", [], null, 1_001);

        await Store.WriteInstanceAsync(beatA, TimeSpan.FromDays(1), None);
        await Store.WriteInstanceAsync(beatB, TimeSpan.FromDays(1), None);
        Assert.Equal([Text(beatA), Text(beatB)], await MineAsync());

        // A's next beat replaces its last; B, silent for more than a day since, is forgotten.
        var later = beatA with { Partitions = [new HeldPartition("depc.x", 3, 2)], LastSeenAt = 1_000 + (2 * 86_400) };
        await Store.WriteInstanceAsync(later, TimeSpan.FromDays(1), None);
        Assert.Equal([Text(later)], await MineAsync());

        async Task<List<string>> MineAsync() =>
            [.. (await Store.ReadInstancesAsync(None)).Where(i => i.Id == a || i.Id == b).Select(Text)];
    }

    // A record's list is compared by reference: the beat as text compares its partitions too.
    private static string Text(InstanceBeat beat) =>
        $"{beat.Id} {beat.Host} write={beat.LastWriteAt} seen={beat.LastSeenAt} [{string.Join(", ", beat.Partitions)}]";
}
