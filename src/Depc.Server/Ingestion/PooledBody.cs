using System.Buffers;

namespace Depc.Server.Ingestion;

/// <summary>
/// A request body in one array rented from <see cref="ArrayPool{T}.Shared"/>, grown as bytes arrive (never to more than
/// the body-size limit), so an announced <c>Content-Length</c> costs nothing until its bytes are there, and the arrays
/// of finished requests serve the next ones instead of landing on the large-object heap each time. The messages cut
/// from it point into the array: dispose it only once the request's write is done.
/// </summary>
internal sealed class PooledBody : IDisposable
{
    private byte[] _array;
    private int _length;

    public PooledBody(int initialCapacity) => _array = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 1));

    public int Length => _length;

    public ReadOnlyMemory<byte> Memory => _array.AsMemory(0, _length);

    /// <summary>Appends <paramref name="data"/>; the caller has checked that the total stays within the limit.</summary>
    public void Append(in ReadOnlySequence<byte> data, long limit)
    {
        var needed = _length + data.Length;
        if (needed > _array.Length)
        {
            // Doubling keeps the copies under one body's size in all; the limit keeps the last step from overshooting.
            var grown = ArrayPool<byte>.Shared.Rent((int)Math.Max(needed, Math.Min(limit, _array.Length * 2L)));
            _array.AsSpan(0, _length).CopyTo(grown);
            ArrayPool<byte>.Shared.Return(_array);
            _array = grown;
        }

        data.CopyTo(_array.AsSpan(_length));
        _length = (int)needed;
    }

    public void Dispose()
    {
        var array = Interlocked.Exchange(ref _array, []);
        if (array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(array);
        }

        _length = 0;
    }
}
