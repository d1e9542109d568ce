using System.Text;
using Depc.Core.Ingestion;
using Depc.Core.Messages;
using Depc.Core.Naming;
using Depc.Kafka.Retrying;
using Depc.Kafka.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Depc.Kafka.Tests.Retrying;

public sealed class BisectingApplierTests : IAsyncDisposable
{
    private static readonly TeamName Team = TeamName.Parse("acme");
    private readonly ScriptedStore _store = new();

    [Fact]
    public async Task Transient_failures_are_retried_until_the_write_succeeds()
    {
        _store.TransientFailures = 5;
        var report = await ApplyAsync(Batch("a", "b"));
        Assert.Equal((2L, 2L, 0L), (report.Received, report.Accepted, report.Rejected));
        Assert.Equal(6, _store.Calls);
    }

    [Fact]
    public async Task A_refused_batch_is_split_until_the_culprit_is_found_and_the_rest_is_applied_in_order()
    {
        _store.Poison.Add("n5");
        var names = Enumerable.Range(0, 12).Select(i => "n" + i).ToArray();
        var report = await ApplyAsync(Batch([.. names, "{bad"]));

        Assert.Equal((13L, 11L, 2L, 0L), (report.Received, report.Accepted, report.Rejected, report.Duplicates));
        Assert.Equal(names.Where(n => n != "n5"), _store.Applied);
        Assert.Contains(report.Rejections, r => r.Origin == "o5" && r.Reason.Contains("refused by the store", StringComparison.Ordinal));
        Assert.Contains(report.Rejections, r => r.Origin == "o12");
    }

    [Fact]
    public async Task An_error_that_is_not_a_store_refusal_is_not_turned_into_rejections()
    {
        // Rejections get their offsets committed: a bug or a disposed store must not drop the batch that way.
        _store.Failure = static () => new InvalidOperationException("store bug");
        await Assert.ThrowsAsync<InvalidOperationException>(() => ApplyAsync(Batch("a", "b", "c")));
        Assert.Equal(1, _store.Calls);
    }

    [Fact]
    public async Task Cancellation_stops_the_retries()
    {
        _store.TransientFailures = int.MaxValue;
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ApplyAsync(Batch("a"), cts.Token));
    }

    private async Task<IngestReport> ApplyAsync(DecodedBatch batch, CancellationToken cancellationToken = default)
    {
        var time = TimeProvider.System;
        var pipeline = new IngestPipeline(_store, new MessageDecoder(), new FakeTimeProvider());
        var retry = StoreRetryPolicy.Create(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5), time, NullLogger.Instance);
        return await new BisectingApplier(pipeline, retry, NullLogger.Instance).ApplyAsync(pipeline.Plan(batch), cancellationToken);
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    private static DecodedBatch Batch(params string[] names)
    {
        var pipeline = new IngestPipeline(new ScriptedStore(), new MessageDecoder(), new FakeTimeProvider());
        var raws = names.Select((n, i) => new RawMessage(
            Encoding.UTF8.GetBytes(n.StartsWith('{') ? n : $$$"""{"source": {"label": "Server", "name": "{{{n}}}"}}"""),
            "o" + i)).ToList();
        return pipeline.Decode(Team, raws);
    }
}
