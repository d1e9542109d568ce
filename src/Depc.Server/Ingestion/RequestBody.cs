using Depc.Server.Options;
using Microsoft.AspNetCore.Http.Features;

namespace Depc.Server.Ingestion;

/// <summary>
/// Reads a request body from Kestrel's pipe into a <see cref="PooledBody"/>, refusing it (413) before reading when its
/// <c>Content-Length</c> announces more than the limit, and as soon as the bytes read pass it otherwise. Nothing is sized
/// from the announced length beyond a first small buffer: a client announcing 16 MiB and sending 10 bytes costs 10 bytes.
/// </summary>
internal static class RequestBody
{
    /// <summary>The first buffer's size at most: most bodies fit, a larger one grows by doubling as its bytes arrive.</summary>
    private const int FirstBufferBytes = 256 * 1024;

    public static async Task<(PooledBody? Body, BodyError? Error)> ReadAsync(HttpRequest request, ServerOptions options, CancellationToken cancellationToken)
    {
        var limit = options.MaxRequestBytes;
        if (request.ContentLength > limit)
        {
            return (null, BodyError.TooLarge(limit));
        }

        // Our own limit rules, not Kestrel's global default (30 MB), in both directions.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit + 1;
        }

        var body = new PooledBody((int)Math.Min(request.ContentLength ?? FirstBufferBytes, Math.Min(limit, FirstBufferBytes)), request.ContentLength ?? 0);
        try
        {
            var reader = request.BodyReader;
            while (true)
            {
                var read = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var data = read.Buffer;
                if (body.Length + data.Length > limit)
                {
                    reader.AdvanceTo(data.End);
                    body.Dispose();
                    return (null, BodyError.TooLarge(limit));
                }

                body.Append(data, limit);
                reader.AdvanceTo(data.End);
                if (read.IsCompleted)
                {
                    return (body, null);
                }
            }
        }
        catch (BadHttpRequestException e)
        {
            body.Dispose();
            return (null, e.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => BodyError.TooLarge(limit),
                StatusCodes.Status408RequestTimeout => BodyError.TooSlow(options.MinRequestBodyBytesPerSecond, options.MinRequestBodyGracePeriod),
                _ => new BodyError(e.StatusCode, e.Message),
            });
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }
}
