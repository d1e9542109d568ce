using Depc.Core.Storage;
using Microsoft.AspNetCore.Diagnostics;

namespace Depc.Server.Operations;

/// <summary>Failures as problem+json: the store down or busy is 503 (retry later), a client's bad request its own 4xx, anything else 500.</summary>
internal sealed class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var request = httpContext.Request;
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException e => (e.StatusCode, "Bad request", e.Message),
            StoreException { IsTransient: true } => (StatusCodes.Status503ServiceUnavailable, "Store unavailable", "The graph store is unavailable; retry later."),
            StoreException => (StatusCodes.Status500InternalServerError, "Store failure", "The graph store failed to answer."),
            _ => (StatusCodes.Status500InternalServerError, "Internal error", "The server failed to answer."),
        };
        if (status >= 500)
        {
            if (exception is StoreException)
            {
                Log.StoreFailed(logger, request.Method, request.Path, exception);
            }
            else
            {
                Log.UnhandledFailure(logger, request.Method, request.Path, exception);
            }
        }

        if (httpContext.Response.HasStarted)
        {
            return false;
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "5";
        }

        await TypedResults.Problem(detail, statusCode: status, title: title).ExecuteAsync(httpContext).ConfigureAwait(false);
        return true;
    }
}
