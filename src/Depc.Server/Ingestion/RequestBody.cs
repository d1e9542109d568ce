using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace Depc.Server.Ingestion;

/// <summary>Reads a whole request body into one array, refusing it (413) as soon as it passes the limit.</summary>
internal static class RequestBody
{
    public static async Task<(byte[]? Body, BodyError? Error)> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return (null, BodyError.TooLarge(limit));
        }

        // Our own limit rules, not Kestrel's global default (30 MB), in both directions.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit + 1;
        }

        var body = new byte[request.ContentLength is { } known ? (int)known : Math.Min(limit + 1, 64 * 1024)];
        var length = 0;
        var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int n;
            while ((n = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (length + (long)n > limit)
                {
                    return (null, BodyError.TooLarge(limit));
                }

                if (length + n > body.Length)
                {
                    Array.Resize(ref body, (int)Math.Min(limit, Math.Max(body.Length * 2L, length + n)));
                }

                chunk.AsSpan(0, n).CopyTo(body.AsSpan(length));
                length += n;
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, BodyError.TooLarge(limit));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        if (length != body.Length)
        {
            Array.Resize(ref body, length);
        }

        return (body, null);
    }
}
