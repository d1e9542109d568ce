namespace Depc.Core.Storage;

/// <summary>Asks the store to put the write's rejections in the team's feed, keeping its newest <paramref name="Retention"/> entries.</summary>
public sealed record FeedRecording(int Retention)
{
    public int Retention { get; } = Retention > 0 ? Retention : throw new ArgumentOutOfRangeException(nameof(Retention));
}
