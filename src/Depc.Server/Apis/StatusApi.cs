using Depc.Core.Storage;
using Depc.Kafka.Telemetry;
using Depc.Server.Status;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Depc.Server.Apis;

/// <summary><c>GET /v1/teams/{team}/status</c>: messages accepted / rejected / duplicates, last message time, per-partition lag.</summary>
internal static class StatusApi
{
    public static IEndpointRouteBuilder MapStatusApi(this IEndpointRouteBuilder team)
    {
        team.MapGet("/status", GetAsync)
            .WithSummary("The team's ingestion counts (every path, every instance: kept by the store with each write), last message time and this instance's consumer lag (when Kafka is on)");
        return team;
    }

    private static async Task<Ok<TeamStatus>> GetAsync(string team, IGraphStore store, IConsumerLagSource lag, KafkaPresence kafka, CancellationToken cancellationToken)
    {
        var teamName = Args.Team(team);
        var counts = await store.ReadTeamCountsAsync(teamName, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<PartitionLagAnswer>? partitions = kafka.Enabled
            ? [.. lag.GetLag()
                .Where(l => string.Equals(l.Team, teamName.Value, StringComparison.Ordinal))
                .OrderBy(l => l.Partition)
                .Select(l => new PartitionLagAnswer(l.Topic, l.Partition, l.Lag))]
            : null;
        return TypedResults.Ok(new TeamStatus(
            teamName.Value,
            counts.Received,
            counts.Accepted,
            counts.Rejected,
            counts.Duplicates,
            counts.LastMessageAt,
            partitions));
    }
}
