namespace Depc.Server.Tests.Support;

/// <summary>A real server that gives slow clients little time: bodies at 1,000 bytes/s after 2 s, headers within 2 s.</summary>
public sealed class SlowClientServer : KestrelServer
{
    protected override IEnumerable<string> Settings =>
    [
        "--Depc:MinRequestBodyBytesPerSecond", "1000",
        "--Depc:MinRequestBodyGracePeriod", "00:00:02",
        "--Depc:RequestHeadersTimeout", "00:00:02",
    ];
}
