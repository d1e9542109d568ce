namespace Depc.Server.Tests.Support;

/// <summary>A real server where a team may have 2 ingest requests in progress and 1 waiting; bodies may take their time.</summary>
public sealed class TeamConcurrencyServer : KestrelServer
{
    protected override IEnumerable<string> Settings =>
    [
        "--Depc:TeamMaxConcurrentIngests", "2",
        "--Depc:TeamIngestQueueLimit", "1",
        "--Depc:MinRequestBodyGracePeriod", "00:10:00",
    ];
}
