using Depc.Core.Messages;
using Depc.Core.Naming;

namespace Depc.Core.Ingestion;

/// <summary>
/// A team's batch after decoding: the valid messages in order (with their origins) and the
/// rejections of the invalid ones. Pure data, so decoding can run off the thread that reads input.
/// </summary>
public sealed record DecodedBatch(
    TeamName Team,
    int Received,
    IReadOnlyList<GraphMessage> Messages,
    IReadOnlyList<RawMessage> Sources,
    IReadOnlyList<MessageRejection> Rejections)
{
    /// <summary>The report of a dry run: every valid message counted as accepted, nothing written.</summary>
    public IngestReport ToDryRunReport() =>
        new(Received, Messages.Count, Rejections.Count, 0, Rejections);

    /// <summary>A sub-batch of the valid messages <c>[start, start+count)</c>, without the decode rejections.</summary>
    public DecodedBatch Slice(int start, int count) =>
        new(Team, count, [.. Messages.Skip(start).Take(count)], [.. Sources.Skip(start).Take(count)], []);
}
