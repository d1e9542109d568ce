using Depc.Core.Naming;

namespace Depc.Core.Ingestion;

/// <summary>
/// Receives every rejected message of every input (Kafka, HTTP), so rejections can be made visible
/// to the team that sent them (SPEC §3), not only written to server logs. Must be thread-safe and quick.
/// </summary>
public interface IRejectionSink
{
    void Report(TeamName team, MessageRejection rejection, DateTimeOffset at);
}
