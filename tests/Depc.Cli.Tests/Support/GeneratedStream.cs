namespace Depc.Cli.Tests.Support;

/// <summary>A read-only, non-seekable stream whose bytes are produced on demand, so huge inputs cost no memory.</summary>
internal sealed class GeneratedStream(long length, Func<long, byte> byteAt) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary><paramref name="head"/>, then <paramref name="fill"/> repeated <paramref name="count"/> times, then <paramref name="tail"/>.</summary>
    public static GeneratedStream Padded(byte[] head, byte fill, long count, byte[] tail) =>
        new(head.Length + count + tail.Length, i =>
            i < head.Length ? head[i]
            : i < head.Length + count ? fill
            : tail[i - head.Length - count]);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = (int)Math.Min(buffer.Length, length - _position);
        for (var i = 0; i < n; i++)
        {
            buffer[i] = byteAt(_position + i);
        }

        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
