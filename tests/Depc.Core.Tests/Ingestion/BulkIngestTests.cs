using System.Text;
using Depc.Core.Ingestion;
using Depc.Core.Messages;
using Depc.Core.Naming;
using Depc.Core.Storage;
using Depc.Testing.Stores;

namespace Depc.Core.Tests.Ingestion;

/// <summary>
/// A bulk load whose store refuses some messages of a write, the write undone alone (as in SQLite's shared
/// transaction): every write of up to 8 messages against every set of refused messages. The others are applied once,
/// in order; the refused and the invalid are each counted and reported once; a store refusing every message of
/// several is failing.
/// </summary>
public sealed class BulkIngestTests
{
    private static readonly TeamName Acme = TeamName.Parse("acme");

    public static TheoryData<int> Sizes => [.. Enumerable.Range(1, 8)];

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Each_refused_message_is_rejected_alone_and_the_others_applied_once_in_order(int size)
    {
        for (var poison = 0; poison < 1 << size; poison++)
        {
            var store = new ScriptedStore { SharesBulkWrites = true };
            var names = Enumerable.Range(0, size).Select(i => ((poison >> i) & 1) == 1 ? $"poison{i}" : $"n{i}").ToList();
            store.Poison.UnionWith(names.Where(n => n.StartsWith("poison", StringComparison.Ordinal)));
            var pipeline = new IngestPipeline(store, new MessageDecoder(), StoreRetry.Once(TimeProvider.System, new StoreHealth()));
            // An invalid line first: counted once, whatever the cuts.
            var lines = new[] { "not json" }.Concat(names.Select(n => $$$"""{"source": {"label": "A", "name": "{{{n}}}"}}""")).ToList();
            var bulk = pipeline.BeginBulk();

            var write = bulk.WriteAsync(new StoreWrite(pipeline.Plan(Acme, Raw(lines)), 1), CancellationToken.None);

            var refused = store.Poison.Count;
            if (refused == size && size > 1)
            {
                var failure = await Assert.ThrowsAsync<StoreException>(() => write);
                Assert.False(failure.IsMessageCaused, $"poison mask {poison}");
                Assert.Empty(store.Applied);
                continue;
            }

            await write;
            var reports = await bulk.CommitAsync(CancellationToken.None);
            Assert.Equal(names.Where(n => !store.Poison.Contains(n)), store.Applied);
            var rejections = reports.SelectMany(r => r.Rejections).ToList();
            Assert.Equal(
                new[] { 1L }.Concat(names.Select((n, i) => (n, i)).Where(p => store.Poison.Contains(p.n)).Select(p => (long)p.i + 2)),
                rejections.Select(r => r.Origin.Position).Order());
            Assert.All(rejections.Skip(1), r => Assert.StartsWith("$ was refused by the store: ", r.Reason, StringComparison.Ordinal));
            Assert.Equal((size + 1L, size - refused + 0L, refused + 1L), (store.Counts.Received, store.Counts.Accepted, store.Counts.Rejected));
            Assert.Equal(store.Counts.Received, reports.Sum(r => r.Received));
        }
    }

    private static List<RawMessage> Raw(IEnumerable<string> lines) =>
        [.. lines.Select((l, i) => new RawMessage(Encoding.UTF8.GetBytes(l), MessageOrigin.RequestLine(i + 1), 1))];
}
