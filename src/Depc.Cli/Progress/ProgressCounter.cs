namespace Depc.Cli.Progress;

/// <summary>
/// What a long command has done so far: messages handled and input bytes read, written by the reading side and read by
/// the reporter's timer. Counts move in large steps (a read buffer, a batch), so counting costs nothing measurable.
/// </summary>
internal sealed class ProgressCounter
{
    private long _messages;
    private long _bytes;

    /// <summary>The size of all the input when known (files, a redirected file on stdin); null for a pipe.</summary>
    public long? TotalBytes { get; init; }

    public long Messages => Volatile.Read(ref _messages);

    public long Bytes => Volatile.Read(ref _bytes);

    public void AddMessages(long count) => Interlocked.Add(ref _messages, count);

    public void AddBytes(long count) => Interlocked.Add(ref _bytes, count);
}
