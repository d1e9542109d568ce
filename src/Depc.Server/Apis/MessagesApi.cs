using Depc.Server.Auth;
using Depc.Server.Ingestion;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;

namespace Depc.Server.Apis;

/// <summary>
/// <c>POST /v1/teams/{team}/messages</c>: NDJSON or a JSON array, same rules and outcome as the Kafka path. With an
/// <c>Idempotency-Key</c> header (SPEC §5) the request is applied at most once per team and key; a repeat gets the first
/// answer (with <c>Idempotent-Replayed: true</c>), or 422 when its body differs.
/// </summary>
internal static class MessagesApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    private const int MaxKeyLength = 255;

    private static readonly string[] MediaTypes = ["application/x-ndjson", "application/json", "text/plain"];

    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder team)
    {
        team.MapPost("/messages", PostAsync)
            .RequireAuthorization(DepcPolicies.TeamWrite)
            .WithTeamIngestLimits()
            // The body's types are documented, not matched by routing: a request of another type reaches PostAsync, whose
            // 415 says which types are accepted and how to send one (routing's own 415 has no body).
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = MediaTypes.ToDictionary(t => t, _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } }),
                };
                return Task.CompletedTask;
            })
            .WithSummary("Ingests messages (NDJSON or a JSON array) in one transaction; ?dryRun=true only validates; an Idempotency-Key header applies it at most once")
            .Produces<IngestAnswer>()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status408RequestTimeout)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return team;
    }

    private static async Task<IResult> PostAsync(string team, [FromQuery] string? dryRun, HttpContext http, HttpIngestion ingestion)
    {
        var teamName = Args.Team(team);
        var dry = Args.Flag(dryRun, "dryRun");
        if (!IsSupported(http.Request.ContentType))
        {
            return UnsupportedMediaType(http.Request);
        }

        // A compressed body would be read as text: refused before it is read, naming the encoding.
        if (http.Request.Headers.ContentEncoding.ToString() is { Length: > 0 } encoding && !encoding.Trim().Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(
                $"Content-Encoding '{encoding}' is not supported: send the body uncompressed, without a Content-Encoding header",
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported content encoding");
        }

        var key = IdempotencyKey(http.Request);
        var result = await ingestion.IngestAsync(teamName, http.Request, dry, key, http.RequestAborted).ConfigureAwait(false);
        if (result.Error is { } error)
        {
            var title = error.Status switch
            {
                StatusCodes.Status413PayloadTooLarge => "Request too large",
                StatusCodes.Status422UnprocessableEntity => "Idempotency-Key reused",
                StatusCodes.Status408RequestTimeout => "Request body too slow",
                _ => "Malformed body",
            };
            return Problems.Status(error.Status, title, error.Detail);
        }

        if (result.Replayed)
        {
            http.Response.Headers[ReplayedHeader] = "true";
        }

        return TypedResults.Text(result.Answer!, "application/json", System.Text.Encoding.UTF8);
    }

    /// <summary>The request's key: printable ASCII, 1 to 255 characters; null without the header.</summary>
    private static string? IdempotencyKey(HttpRequest request)
    {
        if (!request.Headers.TryGetValue(IdempotencyKeyHeader, out var values))
        {
            return null;
        }

        var key = values.Count == 1 ? values[0]?.Trim() : null;
        if (key is not { Length: > 0 and <= MaxKeyLength } || key.Any(static c => c is < ' ' or > '~'))
        {
            throw new InvalidArgumentException(IdempotencyKeyHeader, $"must be one value of 1 to {MaxKeyLength} printable ASCII characters");
        }

        return key;
    }

    /// <summary>A 415 that names the accepted types, what was sent, and a curl line that works for this very route.</summary>
    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult UnsupportedMediaType(HttpRequest request)
    {
        var route = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}";
        var example = $"curl -H \"Authorization: Bearer $TOKEN\" -H \"Content-Type: {MediaTypes[0]}\" --data-binary @messages.ndjson {route}";
        var sent = request.ContentType is { } type ? $"'{type}'" : "none";
        return TypedResults.Problem(
            $"Send messages with the header Content-Type: {MediaTypes[0]} (NDJSON), {MediaTypes[1]} (a JSON array) or {MediaTypes[2]}, in UTF-8; " +
            $"this request's Content-Type was {sent} (curl --data-binary sends application/x-www-form-urlencoded unless told otherwise). For example: {example}",
            statusCode: StatusCodes.Status415UnsupportedMediaType,
            title: "Unsupported media type",
            extensions: new Dictionary<string, object?> { ["accepted_types"] = MediaTypes, ["example"] = example });
    }

    private static bool IsSupported(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return true;
        }

        var media = contentType.AsSpan();
        var semicolon = media.IndexOf(';');
        if (semicolon >= 0)
        {
            var charset = media[(semicolon + 1)..].Trim();
            if (charset.StartsWith("charset=", StringComparison.OrdinalIgnoreCase)
                && !charset["charset=".Length..].Trim('"').Equals("utf-8", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            media = media[..semicolon];
        }

        media = media.Trim();
        foreach (var supported in MediaTypes)
        {
            if (media.Equals(supported, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
