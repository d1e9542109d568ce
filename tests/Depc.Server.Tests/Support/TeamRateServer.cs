namespace Depc.Server.Tests.Support;

/// <summary>A real server where a team may send 1 ingest request per second, in bursts of 3.</summary>
public sealed class TeamRateServer : KestrelServer
{
    protected override IEnumerable<string> Settings =>
    [
        "--Depc:TeamIngestRequestsPerSecond", "1",
        "--Depc:TeamIngestBurst", "3",
    ];
}
