using System.Text;
using Depc.Core.Ingestion;
using Depc.Core.Messages;
using Depc.Core.Naming;
using Depc.Core.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Depc.StoreScenarios;

/// <summary>Feeds JSON lines to a store through the real ingest pipeline, with a fixed clock.</summary>
public sealed class StoreDriver(IGraphStore store)
{
    /// <summary>2024-01-01T00:00:00Z, the "now" of messages without rel bounds.</summary>
    public const long Now = 1_704_067_200;

    private readonly IngestPipeline _pipeline = new(store, new MessageDecoder(), new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Now)));

    // Like every caller, the driver runs a batch again when the store failed transiently (it rolled the batch back):
    // tests writing at the same time race for locks, and a new label's constraint fails the Neo4j batches open then.
    private readonly Polly.ResiliencePipeline _retry = StoreRetry.Create(20, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(1), TimeProvider.System);

    public IGraphStore Store => store;

    public async Task<IngestReport> IngestAsync(TeamName team, params string[] lines)
    {
        var planned = Plan(team, lines);
        return await _retry.ExecuteAsync(async token => await _pipeline.ApplyAsync(planned, token).ConfigureAwait(false), CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>The lines decoded and planned as one batch, ready for a store.</summary>
    public PlannedBatch Plan(TeamName team, params string[] lines) => _pipeline.DecodeAndPlan(team, Raw(lines));

    /// <summary>Ingests the lines in batches of <paramref name="batchSize"/> through one bulk write committed at the end.</summary>
    public async Task<IReadOnlyList<IngestReport>> IngestInBulkAsync(TeamName team, IReadOnlyList<string> lines, int batchSize)
    {
        var reports = new List<IngestReport>();
        var write = await _pipeline.BeginBulkWriteAsync(CancellationToken.None).ConfigureAwait(false);
        await using (write.ConfigureAwait(false))
        {
            for (var i = 0; i < lines.Count; i += batchSize)
            {
                var batch = Plan(team, [.. lines.Skip(i).Take(batchSize)]);
                // A store without longer transactions writes each batch of a bulk write by itself, rolled back on failure.
                reports.Add(await _retry.ExecuteAsync(
                    async token => await IngestPipeline.ApplyInBulkAsync(batch, write, token).ConfigureAwait(false), CancellationToken.None).ConfigureAwait(false));
            }

            await write.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return reports;
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
        [.. lines.Select((l, i) => new RawMessage(Encoding.UTF8.GetBytes(l), $"line {i + 1}"))];
}
