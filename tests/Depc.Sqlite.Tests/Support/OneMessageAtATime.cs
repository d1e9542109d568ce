using Depc.Core.Ingestion;
using Depc.Core.Naming;
using Depc.StoreScenarios;

namespace Depc.Sqlite.Tests.Support;

/// <summary>What a bulk load is compared with: the same lines written one message per transaction into a file of their own.</summary>
internal static class OneMessageAtATime
{
    public static async Task<(IngestReport Report, string Snapshot)> IngestAsync(string path, TeamName team, IReadOnlyList<string> lines)
    {
        await using var reference = await SqliteGraphStore.OpenAsync(path, CancellationToken.None);
        var report = await new StoreDriver(reference).IngestInBatchesAsync(team, lines, batchSize: 1);
        return (report, await GraphSnapshot.CaptureAsync(reference, team));
    }
}
