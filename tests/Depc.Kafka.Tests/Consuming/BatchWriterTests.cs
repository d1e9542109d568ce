using System.Threading.Channels;
using Depc.Core.Ingestion;
using Depc.Core.Messages;
using Depc.Core.Naming;
using Depc.Kafka.Consuming;
using Depc.Kafka.Retrying;
using Depc.Kafka.Telemetry;
using Depc.Kafka.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Depc.Kafka.Tests.Consuming;

/// <summary>The merge → decode → write → offsets stages, on a scripted store and without Kafka.</summary>
public sealed class BatchWriterTests : IDisposable
{
    private static readonly TeamName Team = TeamName.Parse("acme");
    private static readonly TeamName Other = TeamName.Parse("bravo");
    private readonly ScriptedStore _store = new();
    private readonly TestBatches _batches = new();
    private readonly RecordingOffsets _offsets = new();
    private readonly RecordingRejectionSink _sink = new();
    private readonly IngestionStatistics _statistics = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().AddSingleton<IConsumerLagSource, ConsumerLagTracker>().AddSingleton<DepcMetrics>().BuildServiceProvider();

    [Fact]
    public async Task Batches_of_several_partitions_waiting_together_are_written_in_one_transaction_then_all_their_offsets_stored()
    {
        List<PendingBatch> queue = [Cut(0, "a0", "a1", "a2"), Cut(1, "b0", "b1"), Cut(0, "a3"), Cut(2, "c0", "c1")];

        await RunAsync(queue);

        Assert.Equal([8], _store.Writes);
        Assert.Equal(["a0", "a1", "a2", "b0", "b1", "a3", "c0", "c1"], _store.Applied);
        Assert.Equal([(0, 3L), (1, 2L), (0, 4L), (2, 2L)], _offsets.Stored);
        Assert.All(queue, b => Assert.Equal(0, b.Partition.Outstanding));
        Assert.Equal((3L, 1L, 1L), (_batches.Partition(Team, 0).LastWritten, _batches.Partition(Team, 1).LastWritten, _batches.Partition(Team, 2).LastWritten));
        Assert.Equal((8L, 8L), (_statistics.Get(Team).Received, _statistics.Get(Team).Accepted));
    }

    [Fact]
    public async Task A_message_the_store_refuses_in_a_merged_write_is_the_only_one_rejected_and_every_offset_is_stored()
    {
        _store.Poison.Add("b2");
        List<PendingBatch> queue = [Cut(0, "a0", "a1", "a2", "a3"), Cut(1, "b0", "b1", "b2", "b3", "b4"), Cut(2, "c0", "{not json"), Cut(0, "a4", "a5")];

        await RunAsync(queue);

        Assert.Equal(["a0", "a1", "a2", "a3", "b0", "b1", "b3", "b4", "c0", "a4", "a5"], _store.Applied);
        var rejections = _sink.Rejections.Select(r => r.Rejection).OrderBy(r => r.Origin, StringComparer.Ordinal).ToList();
        Assert.Equal(["depc.acme/1@2", "depc.acme/2@1"], rejections.Select(r => r.Origin));
        Assert.Contains("refused by the store", rejections[0].Reason, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<int, long> { [0] = 6, [1] = 5, [2] = 2 }, _offsets.Committable());
        Assert.All(queue, b => Assert.Equal(0, b.Partition.Outstanding));
        var counts = _statistics.Get(Team);
        Assert.Equal((13L, 11L, 2L, 0L), (counts.Received, counts.Accepted, counts.Rejected, counts.Duplicates));
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
        Assert.Empty(_offsets.Stored);

        _store.Unavailable = false;
        await run;

        Assert.Equal(["a0", "a1", "a2"], _store.Applied);
        Assert.Equal(new Dictionary<int, long> { [0] = 3 }, _offsets.Committable());
        Assert.Equal(0, _batches.Partition(Team, 0).Outstanding);
        Assert.Equal(-1, _batches.Partition(Team, 1).LastWritten);
    }

    [Fact]
    public async Task Batches_of_another_team_or_beyond_the_write_limit_go_to_transactions_of_their_own()
    {
        List<PendingBatch> queue = [Cut(0, "a0", "a1"), Cut(1, "b0", "b1"), Cut(0, "a2", "a3"), _batches.Cut(Other, 0, TestBatches.Node("x0")), Cut(1, "b2")];

        await RunAsync(queue, maxWriteMessages: 5);

        Assert.Equal([4, 2, 1, 1], _store.Writes);
        Assert.Equal(["a0", "a1", "b0", "b1", "a2", "a3", "x0", "b2"], _store.Applied);
        Assert.Equal([(0, 2L), (1, 2L), (0, 4L), (0, 1L), (1, 3L)], _offsets.Stored);
    }

    public void Dispose()
    {
        _batches.Dispose();
        _services.Dispose();
    }

    private PendingBatch Cut(int partition, params string[] names) =>
        _batches.Cut(Team, partition, [.. names.Select(n => n.StartsWith('{') ? n : TestBatches.Node(n))]);

    private async Task RunAsync(IEnumerable<PendingBatch> queue, int maxWriteMessages = 1000)
    {
        var pipeline = new IngestPipeline(_store, new MessageDecoder(), new FixedClock());
        var retry = StoreRetryPolicy.Create(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5), TimeProvider.System, NullLogger.Instance);
        var writer = new BatchWriter(
            pipeline,
            new BatchMerger(maxWriteMessages, 1 << 20),
            new BisectingApplier(pipeline, retry, NullLogger.Instance),
            _offsets,
            new RejectionReporter(_sink, null, TimeProvider.System, NullLogger.Instance),
            _statistics,
            _services.GetRequiredService<DepcMetrics>(),
            TimeProvider.System,
            NullLogger.Instance);

        // Everything is queued before the stages start, as when the writer comes back to a backlog.
        var raw = Channel.CreateUnbounded<PendingBatch>();
        foreach (var batch in queue)
        {
            raw.Writer.TryWrite(batch);
        }

        raw.Writer.Complete();
        var decoded = Channel.CreateBounded<DecodedWork>(1);
        await Task.WhenAll(
            writer.DecodeAsync(raw.Reader, decoded.Writer, CancellationToken.None),
            writer.WriteAsync(decoded.Reader, CancellationToken.None)).WaitAsync(TimeSpan.FromSeconds(30));
    }
}
