using System.Text;
using Depc.Core.Ingestion;
using Depc.Core.Messages;
using Depc.Core.Naming;
using Depc.Core.Storage;
using Depc.Testing.Stores;

namespace Depc.Core.Tests.Ingestion;

/// <summary>The seam's write: the one retry layer, isolation of refused messages, fenced messages left out.</summary>
public sealed class IngestPipelineWriteTests : IAsyncDisposable
{
    private static readonly TeamName Acme = TeamName.Parse("acme");
    private readonly ScriptedStore _store = new();
    private readonly StoreHealth _health = new();

    [Fact]
    public async Task Store_wide_failures_are_retried_until_the_write_succeeds_and_readiness_fails_meanwhile()
    {
        _store.TransientFailures = 5;
        var seen = new List<bool>();
        var pipeline = Pipeline(new Observer(() => seen.Add(_health.IsHealthy)));

        var outcome = await pipeline.WriteAsync(Write(Nodes("a", "b")), CancellationToken.None);

        Assert.Equal((2L, 2L), (outcome.Report.Received, outcome.Report.Accepted));
        Assert.Equal(6, _store.Calls);
        Assert.Equal(5, seen.Count);
        Assert.All(seen, healthy => Assert.False(healthy));
        Assert.True(_health.IsHealthy);
    }

    [Fact]
    public async Task Past_its_attempts_a_store_wide_failure_is_thrown_never_turned_into_rejections()
    {
        _store.Unavailable = true;
        var pipeline = new IngestPipeline(_store, new MessageDecoder(), new StoreRetry(new StoreRetryOptions { Attempts = 3, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(2) }, TimeProvider.System, _health));

        var e = await Assert.ThrowsAsync<StoreException>(() => pipeline.WriteAsync(Write(Nodes("a")), CancellationToken.None));

        Assert.True(e.IsTransient);
        Assert.Equal(3, _store.Calls);
        Assert.Empty(_store.Applied);
        Assert.Contains("database is locked", _health.Failure!.Value.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_message_is_isolated_by_probes_and_the_rest_written_in_one_transaction_with_every_position()
    {
        _store.Poison.Add("n5");
        var names = Enumerable.Range(0, 12).Select(i => "n" + i).ToArray();
        var write = Write(Nodes([.. names, "{bad"])) with { Positions = [new PositionClaim("g", "depc.acme", 0, 0, 13)] };

        var outcome = await Pipeline().WriteAsync(write, CancellationToken.None);

        Assert.Equal((13L, 11L, 2L, 0L), (outcome.Report.Received, outcome.Report.Accepted, outcome.Report.Rejected, outcome.Report.Duplicates));
        Assert.Equal(names.Where(n => n != "n5"), _store.Applied);
        Assert.Equal([new PositionClaim("g", "depc.acme", 0, 0, 13)], _store.Claims);
        var refused = Assert.Single(outcome.Report.Rejections, r => r.Reason.Contains("refused by the store", StringComparison.Ordinal));
        Assert.Equal("depc.acme/0@5", refused.Origin.ToString());
        Assert.Contains(outcome.Report.Rejections, r => r.Origin.ToString() == "depc.acme/0@12");
    }

    [Fact]
    public async Task A_store_refusing_every_message_alone_is_failing_and_is_retried_not_believed()
    {
        _store.Poison.UnionWith(["a", "b", "c"]);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Pipeline().WriteAsync(Write(Nodes("a", "b", "c")), cancel.Token));

        Assert.Empty(_store.Claims);
        Assert.False(_health.IsHealthy);
    }

    [Fact]
    public async Task An_error_that_is_not_a_store_failure_stops_the_write()
    {
        _store.Failure = static () => new InvalidOperationException("store bug");

        await Assert.ThrowsAsync<InvalidOperationException>(() => Pipeline().WriteAsync(Write(Nodes("a", "b", "c")), CancellationToken.None));

        Assert.Equal(1, _store.Calls);
    }

    [Fact]
    public async Task A_fenced_write_is_written_again_without_what_the_stored_position_covers()
    {
        await Pipeline().WriteAsync(Write(Nodes("a", "b", "c")) with { Positions = [new PositionClaim("g", "depc.acme", 0, 0, 3)] }, CancellationToken.None);

        // A zombie's batch 1..4: 1 and 2 were applied by the write above.
        var overlap = Write(Nodes("b", "c", "d", "e"), first: 1) with { Positions = [new PositionClaim("g", "depc.acme", 0, 1, 5)] };
        var outcome = await Pipeline().WriteAsync(overlap, CancellationToken.None);

        Assert.Equal(WriteStatus.Written, outcome.Status);
        Assert.Equal([new StoredPosition("depc.acme", 0, 3)], outcome.StoredPositions);
        Assert.Equal(2, outcome.Report.Received);
        Assert.Equal(["a", "b", "c", "d", "e"], _store.Applied);
        Assert.Equal(new PositionClaim("g", "depc.acme", 0, 3, 5), _store.Claims[^1]);

        // Wholly below: nothing is left to write.
        var stale = await Pipeline().WriteAsync(Write(Nodes("a"), first: 0) with { Positions = [new PositionClaim("g", "depc.acme", 0, 0, 1)] }, CancellationToken.None);
        Assert.Equal((0L, 5), (stale.Report.Received, _store.Applied.Count));
    }

    [Fact]
    public async Task Cancellation_stops_the_retries()
    {
        _store.Unavailable = true;
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Pipeline().WriteAsync(Write(Nodes("a")), cancel.Token));
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    private IngestPipeline Pipeline(IStoreRetryObserver? observer = null) =>
        new(_store, new MessageDecoder(), new StoreRetry(new StoreRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) }, TimeProvider.System, _health, observer));

    private StoreWrite Write(string[] lines, long first = 0) =>
        new(Pipeline().Plan(Acme, [.. lines.Select((l, i) => new RawMessage(Encoding.UTF8.GetBytes(l), MessageOrigin.Kafka("depc.acme", 0, first + i), 1))]), 1);

    private static string[] Nodes(params string[] names) =>
        [.. names.Select(n => n.StartsWith('{') ? n : $$$"""{"source": {"label": "Server", "name": "{{{n}}}"}}""")];

    private sealed class Observer(Action onRetry) : IStoreRetryObserver
    {
        public void Retrying(TeamName team, int attempt, TimeSpan delay, StoreException failure) => onRetry();

        public void Recovered(TeamName team, int failures)
        {
        }
    }
}
