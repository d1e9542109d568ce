using Depc.Server.Ingestion;

namespace Depc.Server.Tests.Ingestion;

/// <summary>The write gate hands freed slots to teams in turn, so one team's queue does not keep another team waiting behind it.</summary>
public sealed class TeamFairGateTests
{
    [Fact]
    public async Task A_freed_slot_goes_to_the_next_team_in_turn_not_to_the_longest_queue()
    {
        var gate = new TeamFairGate(1);
        await gate.EnterAsync("flood", default);
        var flood2 = gate.EnterAsync("flood", default).AsTask();
        var flood3 = gate.EnterAsync("flood", default).AsTask();
        var flood4 = gate.EnterAsync("flood", default).AsTask();
        var quiet = gate.EnterAsync("quiet", default).AsTask();

        gate.Release();
        await flood2;
        Assert.False(quiet.IsCompleted);

        gate.Release();
        await quiet;
        Assert.False(flood3.IsCompleted);

        gate.Release();
        await flood3;
        gate.Release();
        await flood4;
        Assert.False(flood4.IsFaulted);
    }

    [Fact]
    public async Task A_waiter_that_gives_up_leaves_the_queue_and_the_slot_goes_on()
    {
        var gate = new TeamFairGate(1);
        await gate.EnterAsync("a", default);
        using var leaving = new CancellationTokenSource();
        var gone = gate.EnterAsync("b", leaving.Token).AsTask();
        var next = gate.EnterAsync("c", default).AsTask();

        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gone);

        gate.Release();
        await next;
        gate.Release();

        // The slot is free again: entering does not wait.
        Assert.True(gate.EnterAsync("a", default).AsTask().IsCompletedSuccessfully);
    }
}
