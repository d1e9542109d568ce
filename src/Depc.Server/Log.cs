namespace Depc.Server;

/// <summary>The service's log messages; event ids 5000–5999.</summary>
internal static partial class Log
{
    [LoggerMessage(5000, LogLevel.Information, "Team {Team} created")]
    public static partial void TeamCreated(ILogger logger, string team);

    [LoggerMessage(5001, LogLevel.Information, "Token of team {Team} rotated")]
    public static partial void TokenRotated(ILogger logger, string team);

    [LoggerMessage(5002, LogLevel.Information, "Team {Team} deleted")]
    public static partial void TeamDeleted(ILogger logger, string team);

    [LoggerMessage(5003, LogLevel.Information, "Topic {Topic} created")]
    public static partial void TopicCreated(ILogger logger, string topic);

    [LoggerMessage(5004, LogLevel.Warning, "Cannot create topic {Topic}")]
    public static partial void TopicCreationFailed(ILogger logger, string topic, Exception exception);

    [LoggerMessage(5010, LogLevel.Debug, "HTTP batch of team {Team}: {Received} received, {Accepted} accepted, {Rejected} rejected, {Duplicates} duplicates in {ElapsedMs} ms")]
    public static partial void HttpBatchIngested(ILogger logger, string team, long received, long accepted, long rejected, long duplicates, double elapsedMs);

    [LoggerMessage(5011, LogLevel.Warning, "Cannot record {Count} rejections of team {Team} in the feed")]
    public static partial void RejectionFeedFailed(ILogger logger, string team, int count, Exception exception);

    [LoggerMessage(5020, LogLevel.Error, "Store failure on {Method} {Path}")]
    public static partial void StoreFailed(ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(5021, LogLevel.Error, "Unhandled failure on {Method} {Path}")]
    public static partial void UnhandledFailure(ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(5030, LogLevel.Information, "Store {Store} opened; team credentials in {TeamsDatabase}")]
    public static partial void StoreOpened(ILogger logger, string store, string teamsDatabase);

    [LoggerMessage(5040, LogLevel.Warning, "No web page in {Root}: / answers how to build it; the API works without it")]
    public static partial void WebPageMissing(ILogger logger, string root);

    [LoggerMessage(5300, LogLevel.Warning, "HTTP batch of team {Team}: transient store failure, attempt {Attempt} again in {DelayMs} ms")]
    public static partial void HttpWriteRetry(ILogger logger, Exception? exception, string team, int attempt, double delayMs);

    [LoggerMessage(5500, LogLevel.Warning, "No team exists yet: create one with `{Command}` (it prints the team's token, to sign in with), or try `depc serve --demo`")]
    public static partial void NoTeamYet(ILogger logger, string command);

    [LoggerMessage(5501, LogLevel.Information, "Demo team {Team} made: {Nodes} nodes from {Received} messages ({Accepted} accepted, {Rejected} rejected); the sign-in link is printed on the console")]
    public static partial void DemoCreated(ILogger logger, string team, long nodes, long received, long accepted, long rejected);

    [LoggerMessage(5502, LogLevel.Information, "Demo team {Team} kept as it was ({Nodes} nodes), with a new token; the sign-in link is printed on the console")]
    public static partial void DemoKept(ILogger logger, string team, long nodes);
}
