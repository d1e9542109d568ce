using Depc.Core.Ingestion;
using Depc.Core.Naming;

namespace Depc.Kafka.Consuming;

/// <summary>Used when the host registers no sink: rejections are still logged and counted.</summary>
internal sealed class NullRejectionSink : IRejectionSink
{
    public void Report(TeamName team, MessageRejection rejection, DateTimeOffset at)
    {
    }
}
