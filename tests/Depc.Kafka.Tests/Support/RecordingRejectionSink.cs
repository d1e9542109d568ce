using System.Collections.Concurrent;
using Depc.Core.Ingestion;
using Depc.Core.Naming;

namespace Depc.Kafka.Tests.Support;

internal sealed class RecordingRejectionSink : IRejectionSink
{
    public ConcurrentQueue<(TeamName Team, MessageRejection Rejection)> Rejections { get; } = new();

    public void Report(TeamName team, MessageRejection rejection, DateTimeOffset at) => Rejections.Enqueue((team, rejection));
}
