using Depc.Core.Ingestion;

namespace Depc.Kafka.Consuming;

/// <summary>A cut batch and its decoding (null when its partition was abandoned before decoding).</summary>
internal sealed record DecodedPart(PendingBatch Batch, DecodedBatch? Decoded)
{
    /// <summary>
    /// The plan of the decoded parts as one batch, in the order given (each partition's messages stay in
    /// offset order); null when none is decoded.
    /// </summary>
    public static PlannedBatch? Plan(IngestPipeline pipeline, IReadOnlyList<DecodedPart> parts)
    {
        var decoded = parts.Select(static p => p.Decoded).OfType<DecodedBatch>().ToList();
        if (decoded.Count == 0)
        {
            return null;
        }

        if (decoded.Count == 1)
        {
            return pipeline.Plan(decoded[0]);
        }

        var count = decoded.Sum(static d => d.Messages.Count);
        var messages = new List<Core.Messages.GraphMessage>(count);
        var sources = new List<RawMessage>(count);
        var rejections = new List<MessageRejection>();
        foreach (var d in decoded)
        {
            messages.AddRange(d.Messages);
            sources.AddRange(d.Sources);
            rejections.AddRange(d.Rejections);
        }

        return pipeline.Plan(new DecodedBatch(decoded[0].Team, decoded.Sum(static d => d.Received), messages, sources, rejections));
    }
}
