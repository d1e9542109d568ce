using Depc.Core.Ingestion;
using Depc.Kafka.Telemetry;
using Depc.Server.Status;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Depc.Server.Apis;

/// <summary><c>GET /v1/teams/{team}/status</c>: messages accepted / rejected / duplicates, last message time, per-partition lag.</summary>
internal static class StatusApi
{
    public static IEndpointRouteBuilder MapStatusApi(this IEndpointRouteBuilder team)
    {
        team.MapGet("/status", Get)
            .WithSummary("The team's ingestion counts since this server started, last message time and consumer lag (when Kafka is on)");
        return team;
    }

    private static Ok<TeamStatus> Get(string team, IngestionStatistics statistics, IConsumerLagSource lag, KafkaPresence kafka)
    {
        var teamName = Args.Team(team);
        var counts = statistics.Get(teamName);
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
            counts.LastMessageAt?.ToUnixTimeSeconds(),
            partitions));
    }
}
