namespace Depc.Server.Ingestion;

/// <summary>What <c>POST …/messages</c> answers: the answer's JSON (new, or the one kept for a repeated key), or why the request is refused.</summary>
internal sealed record HttpIngestResult(string? Answer, BodyError? Error, bool Replayed)
{
    public static HttpIngestResult Answered(string answer) => new(answer, null, false);

    public static HttpIngestResult Replay(string answer) => new(answer, null, true);

    public static HttpIngestResult Refused(BodyError error) => new(null, error, false);
}
