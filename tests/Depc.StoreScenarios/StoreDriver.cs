using System.Text;
using Depc.Core.Ingestion;
using Depc.Core.Messages;
using Depc.Core.Naming;
using Depc.Core.Storage;

namespace Depc.StoreScenarios;

/// <summary>Feeds JSON lines to a store through the real ingestion seam, every message with the same fixed "now".</summary>
/// <param name="limits">The SPEC §4 bounds the driver's pipeline keeps (the defaults when null).</param>
public sealed class StoreDriver(IGraphStore store, IngestLimits? limits = null)
{
    /// <summary>2024-01-01T00:00:00Z, the "now" of messages without rel bounds.</summary>
    public const long Now = 1_704_067_200;

    // Like every caller, the driver writes through the seam's retry: tests writing at the same time race for locks, and
    // a new label's constraint fails the Neo4j batches open then (store-wide, rolled back, written again).
    private readonly IngestPipeline _pipeline = new(
        store,
        new MessageDecoder(limits: limits),
        new StoreRetry(new StoreRetryOptions { Attempts = 20, BaseDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromSeconds(1) }, TimeProvider.System, new StoreHealth()));

    public IGraphStore Store => store;

    public IngestPipeline Pipeline => _pipeline;

    public async Task<IngestReport> IngestAsync(TeamName team, params string[] lines) =>
        (await WriteAsync(new StoreWrite(Plan(team, lines), Now)).ConfigureAwait(false)).Report;

    /// <summary>A write through the seam (retries, refusals, fences handled there).</summary>
    public Task<WriteOutcome> WriteAsync(StoreWrite write) => _pipeline.WriteAsync(write, CancellationToken.None);

    /// <summary>The lines decoded and planned as one batch, ready for a store.</summary>
    public PlannedBatch Plan(TeamName team, params string[] lines) => _pipeline.Plan(team, Raw(lines));

    /// <summary>The lines as messages of a Kafka partition, at consecutive offsets from <paramref name="first"/>.</summary>
    public PlannedBatch PlanKafka(TeamName team, int partition, long first, params string[] lines) =>
        _pipeline.Plan(team, [.. lines.Select((l, i) => new RawMessage(Encoding.UTF8.GetBytes(l), MessageOrigin.Kafka(team.Topic, partition, first + i), Now))]);

    /// <summary>Ingests the lines in batches of <paramref name="batchSize"/> through one bulk load committed at the end.</summary>
    public async Task<IReadOnlyList<IngestReport>> IngestInBulkAsync(TeamName team, IReadOnlyList<string> lines, int batchSize)
    {
        var bulk = _pipeline.BeginBulk();
        await using (bulk.ConfigureAwait(false))
        {
            for (var i = 0; i < lines.Count; i += batchSize)
            {
                await bulk.WriteAsync(new StoreWrite(Plan(team, [.. lines.Skip(i).Take(batchSize)]), Now), CancellationToken.None).ConfigureAwait(false);
            }

            return await bulk.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Ingests the lines in batches of <paramref name="batchSize"/>, summing the reports.</summary>
    public async Task<IngestReport> IngestInBatchesAsync(TeamName team, IReadOnlyList<string> lines, int batchSize)
    {
        var report = IngestReport.Empty;
        for (var i = 0; i < lines.Count; i += batchSize)
        {
            report = report.Add(await IngestAsync(team, [.. lines.Skip(i).Take(batchSize)]).ConfigureAwait(false));
        }

        return report;
    }

    private static List<RawMessage> Raw(string[] lines) =>
        [.. lines.Select((l, i) => new RawMessage(Encoding.UTF8.GetBytes(l), MessageOrigin.RequestLine(i + 1), Now))];
}
