using System.Threading.Channels;
using Depc.Core.Ingestion;
using Depc.Core.Messages;
using Depc.Core.Naming;
using Depc.Core.Storage;
using Depc.Kafka.Consuming;
using Depc.Kafka.Telemetry;
using Depc.Kafka.Tests.Support;
using Depc.Testing.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Depc.Kafka.Tests.Consuming;

/// <summary>The write stage (merge → plan → write through the seam → positions), on a scripted store and without Kafka.</summary>
public sealed class WriteStageTests : IDisposable
{
    private const string Group = "g";
    private static readonly TeamName Team = TeamName.Parse("acme");
    private static readonly TeamName Other = TeamName.Parse("bravo");
    private readonly ScriptedStore _store = new();
    private readonly TestBatches _batches = new();
    private readonly RecordingRejectionSink _sink = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().AddSingleton<IConsumerLagSource, ConsumerLagTracker>().AddSingleton<DepcMetrics>().BuildServiceProvider();

    [Fact]
    public async Task Batches_of_several_partitions_waiting_together_are_one_transaction_claiming_each_partitions_offsets()
    {
        List<PendingBatch> queue = [Cut(0, "a0", "a1", "a2"), Cut(1, "b0", "b1"), Cut(0, "a3"), Cut(2, "c0", "c1")];

        await RunAsync(queue);

        Assert.Equal([8], _store.Writes);
        Assert.Equal(["a0", "a1", "a2", "b0", "b1", "a3", "c0", "c1"], _store.Applied);
        Assert.Equal([Claim(0, 0, 4), Claim(1, 0, 2), Claim(2, 0, 2)], _store.Claims);
        Assert.All(queue, b => Assert.Equal(0, b.Partition.Outstanding));
        Assert.Equal((4L, 2L, 2L), (Written(0), Written(1), Written(2)));
        Assert.Equal(8, _store.Received);
    }

    [Fact]
    public async Task A_message_the_store_refuses_in_a_merged_write_is_the_only_one_rejected_and_every_position_moves()
    {
        _store.Poison.Add("b2");
        List<PendingBatch> queue = [Cut(0, "a0", "a1", "a2", "a3"), Cut(1, "b0", "b1", "b2", "b3", "b4"), Cut(2, "c0", "{not json"), Cut(0, "a4", "a5")];

        await RunAsync(queue);

        Assert.Equal(["a0", "a1", "a2", "a3", "b0", "b1", "b3", "b4", "c0", "a4", "a5"], _store.Applied);
        var rejections = _sink.Rejections.Select(r => r.Rejection).OrderBy(r => r.Origin.ToString(), StringComparer.Ordinal).ToList();
        Assert.Equal(["depc.acme/1@2", "depc.acme/2@1"], rejections.Select(r => r.Origin.ToString()));
        Assert.Contains("refused by the store", rejections[0].Reason, StringComparison.Ordinal);
        Assert.Equal([Claim(0, 0, 6), Claim(1, 0, 5), Claim(2, 0, 2)], _store.Claims);
        Assert.Equal(13, _store.Received);
    }

    [Fact]
    public async Task A_partition_abandoned_while_its_merged_write_is_retried_is_let_go_at_once_and_the_others_are_written_without_it()
    {
        _store.Unavailable = true;
        List<PendingBatch> queue = [Cut(0, "a0", "a1"), Cut(1, "b0", "b1"), Cut(0, "a2")];
        var run = RunAsync(queue);
        await Eventually.TrueAsync(() => Task.FromResult(_store.Calls >= 2), TimeSpan.FromSeconds(10), "retries");

        _batches.Partition(Team, 1).Abandon();
        // Revocation waits for this before it lets the partition go: it must not wait for the store to come back.
        await Eventually.TrueAsync(() => Task.FromResult(_batches.Partition(Team, 1).Outstanding == 0), TimeSpan.FromSeconds(10), "partition 1 let go");
        Assert.Equal(2, _batches.Partition(Team, 0).Outstanding);
        Assert.Empty(_store.Claims);

        _store.Unavailable = false;
        await run;

        Assert.Equal(["a0", "a1", "a2"], _store.Applied);
        Assert.Equal([Claim(0, 0, 3)], _store.Claims);
        Assert.Equal(0, _batches.Partition(Team, 0).Outstanding);
        Assert.Equal(-1, Written(1));
    }

    [Fact]
    public async Task Batches_of_another_team_or_beyond_the_write_limit_go_to_transactions_of_their_own_the_other_team_served_in_turn()
    {
        List<PendingBatch> queue = [Cut(0, "a0", "a1"), Cut(1, "b0", "b1"), Cut(0, "a2", "a3"), _batches.Cut(Other, 0, TestBatches.Node("x0")), Cut(1, "b2")];

        await RunAsync(queue, maxWriteMessages: 5);

        // The first write is full at a2; the other team, served least recently, goes next, then the rest of the first.
        Assert.Equal([4, 1, 3], _store.Writes);
        Assert.Equal(["a0", "a1", "b0", "b1", "x0", "a2", "a3", "b2"], _store.Applied);
        Assert.Equal([Claim(0, 0, 2), Claim(1, 0, 2), new PositionClaim(Group, Other.Topic, 0, 0, 1), Claim(0, 2, 4), Claim(1, 2, 3)], _store.Claims);
    }

    [Fact]
    public async Task Messages_another_writer_applied_already_are_left_out_and_later_batches_of_that_partition_skip_the_store()
    {
        // Another instance applied partition 0 up to offset 3 (as a zombie's late write, or the owner before a rebalance).
        var pipeline = Pipeline();
        var before = pipeline.Plan(Team, [.. Enumerable.Range(0, 3).Select(i => new RawMessage("{\"source\": {\"label\": \"Server\", \"name\": \"x\"}}"u8.ToArray(), MessageOrigin.Kafka(Team.Topic, 0, i), 1))]);
        await pipeline.WriteAsync(new StoreWrite(before, 1) { Positions = [Claim(0, 0, 3)] }, CancellationToken.None);
        List<PendingBatch> queue = [Cut(0, "a0", "a1"), Cut(1, "b0")];
        List<PendingBatch> later = [Cut(0, "a2", "a3", "a4")];

        await RunAsync(queue);
        var writes = _store.Writes.Count;
        await RunAsync(later);

        Assert.Equal(["x", "b0", "a3", "a4"], _store.Applied);
        Assert.Equal([Claim(0, 0, 3), Claim(1, 0, 1), Claim(0, 3, 5)], _store.Claims);
        // The second run knew the stored position: it wrote once, with offset 2 left out, and was not fenced again.
        Assert.Equal(writes + 1, _store.Writes.Count);
        Assert.Equal((5L, 3L), (Written(0), _batches.Partition(Team, 0).Stored));
    }

    public void Dispose()
    {
        _batches.Dispose();
        _services.Dispose();
    }

    private static PositionClaim Claim(int partition, long first, long next) => new(Group, Team.Topic, partition, first, next);

    private long Written(int partition) => _batches.Partition(Team, partition).Written;

    private PendingBatch Cut(int partition, params string[] names) =>
        _batches.Cut(Team, partition, [.. names.Select(n => n.StartsWith('{') ? n : TestBatches.Node(n))]);

    private IngestPipeline Pipeline() =>
        new(_store, new MessageDecoder(), new StoreRetry(new StoreRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) }, TimeProvider.System, new StoreHealth()));

    private async Task RunAsync(IEnumerable<PendingBatch> queue, int maxWriteMessages = 1000)
    {
        var writer = new WriteStage(
            Pipeline(),
            new BatchMerger(maxWriteMessages, 1 << 20),
            new RejectionReporter(_sink, null, TimeProvider.System, NullLogger.Instance),
            new WriteSettings(Group, new FeedRecording(100)),
            _services.GetRequiredService<DepcMetrics>(),
            TimeProvider.System,
            NullLogger.Instance);

        // Everything is queued before the stages start, as when the writer comes back to a backlog.
        using var waiting = new WaitingBatches();
        foreach (var batch in queue)
        {
            waiting.Add(batch);
        }

        waiting.Complete();
        var planned = Channel.CreateBounded<KafkaWrite>(1);
        await Task.WhenAll(
            writer.PlanAsync(waiting, planned.Writer, CancellationToken.None),
            writer.WriteAsync(planned.Reader, CancellationToken.None)).WaitAsync(TimeSpan.FromSeconds(30));
    }
}
