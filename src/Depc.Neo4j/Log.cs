using Microsoft.Extensions.Logging;

namespace Depc.Neo4j;

/// <summary>Every log line of Depc.Neo4j (event ids 4000–4099); members are named by host:port, never with credentials.</summary>
internal static partial class Log
{
    [LoggerMessage(4000, LogLevel.Information, "Neo4j {Member} is the leader: writes go there")]
    public static partial void LeaderFound(ILogger logger, string member);

    [LoggerMessage(4001, LogLevel.Warning, "Neo4j {Member} is no longer the leader ({Code}): looking for the new one")]
    public static partial void LeaderLost(ILogger logger, string member, string code);

    [LoggerMessage(4002, LogLevel.Warning, "Neo4j {Member} is unreachable; other members are used for the next {DownSeconds} s")]
    public static partial void MemberDown(ILogger logger, string member, double downSeconds, Exception exception);

    [LoggerMessage(4003, LogLevel.Information, "Neo4j {Member} answers no cluster procedure: a single server, it takes the writes")]
    public static partial void StandaloneMember(ILogger logger, string member);

    [LoggerMessage(4004, LogLevel.Information, "Neo4j leader {Member} was not among the store's members: added from the cluster's answer")]
    public static partial void MemberAdded(ILogger logger, string member);
}
