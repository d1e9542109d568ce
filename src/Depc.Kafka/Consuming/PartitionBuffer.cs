using Depc.Core.Ingestion;

namespace Depc.Kafka.Consuming;

/// <summary>The messages of one partition consumed but not yet cut into a batch (consume thread only).</summary>
internal sealed class PartitionBuffer(PartitionState state)
{
    private List<RawMessage> _messages = [];

    public PartitionState State { get; } = state;

    public int Count => _messages.Count;

    public long Bytes { get; private set; }

    public long StartedAt { get; private set; }

    public long FirstOffset { get; private set; } = -1;

    public long LastOffset { get; private set; } = -1;

    /// <param name="startedAt">A <see cref="FlowControl.Now"/> timestamp, read only for the batch's first message.</param>
    public void Add(RawMessage message, long startedAt)
    {
        if (_messages.Count == 0)
        {
            StartedAt = startedAt;
            FirstOffset = message.Origin.Position;
        }

        _messages.Add(message);
        Bytes += message.Payload.Length;
        LastOffset = message.Origin.Position;
    }

    /// <summary>Drops the buffered messages (abandoned partition): they are read again by its next owner.</summary>
    public void Discard()
    {
        _messages.Clear();
        Bytes = 0;
        FirstOffset = -1;
    }

    /// <summary>Takes the buffered messages as a batch and starts empty; null when empty or not a team topic.</summary>
    public PendingBatch? Cut()
    {
        if (_messages.Count == 0 || State.Team is not { } team)
        {
            return null;
        }

        var batch = new PendingBatch(State, team, _messages, FirstOffset, LastOffset, Bytes);
        _messages = new List<RawMessage>(Math.Min(_messages.Count, 8192));
        Bytes = 0;
        FirstOffset = -1;
        State.BatchCut();
        return batch;
    }
}
