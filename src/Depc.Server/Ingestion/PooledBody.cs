using System.Buffers;

namespace Depc.Server.Ingestion;

/// <summary>
/// A request body in one array, grown as bytes arrive (never to more than the body-size limit), so an announced
/// <c>Content-Length</c> costs nothing until its bytes are there. Arrays up to <see cref="MaxPooledBytes"/> (the usual
/// bodies) are rented from <see cref="ArrayPool{T}.Shared"/>, so finished requests' arrays serve the next ones; larger
/// ones are plain arrays left to the garbage collector, because the shared pool keeps an array per size per thread and
/// a few per core: pooled 16 MiB arrays could stay resident by the hundred megabytes after a burst. The messages cut
/// from it point into the array: dispose it only once the request's write is done.
/// </summary>
internal sealed class PooledBody : IDisposable
{
    /// <summary>The largest array taken from and given back to the shared pool.</summary>
    public const int MaxPooledBytes = 1024 * 1024;

    private readonly long _announced;
    private byte[] _array;
    private int _length;

    /// <param name="initialCapacity">The first array's size.</param>
    /// <param name="announced">The body's <c>Content-Length</c>, or 0: trusted only once a pooled array's worth has arrived.</param>
    public PooledBody(int initialCapacity, long announced)
    {
        _array = Rent(Math.Max(initialCapacity, 1));
        _announced = announced;
    }

    public int Length => _length;

    public ReadOnlyMemory<byte> Memory => _array.AsMemory(0, _length);

    /// <summary>Appends <paramref name="data"/>; the caller has checked that the total stays within the limit.</summary>
    public void Append(in ReadOnlySequence<byte> data, long limit)
    {
        var needed = _length + data.Length;
        if (needed > _array.Length)
        {
            // Doubling keeps the copies under one body's size in all; the limit keeps the last step from overshooting. Past
            // the pooled sizes, a body that has sent a megabyte gets its announced length at once: one more array, not four.
            var size = needed > MaxPooledBytes && _announced >= needed ? _announced : Math.Max(needed, Math.Min(limit, _array.Length * 2L));
            var grown = Rent((int)size);
            _array.AsSpan(0, _length).CopyTo(grown);
            Return(_array);
            _array = grown;
        }

        data.CopyTo(_array.AsSpan(_length));
        _length = (int)needed;
    }

    public void Dispose()
    {
        var array = Interlocked.Exchange(ref _array, []);
        Return(array);
        _length = 0;
    }

    private static byte[] Rent(int length) =>
        length <= MaxPooledBytes ? ArrayPool<byte>.Shared.Rent(length) : GC.AllocateUninitializedArray<byte>(length);

    private static void Return(byte[] array)
    {
        if (array.Length is > 0 and <= MaxPooledBytes)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}
