namespace Depc.Server.Ingestion;

/// <summary>Why a whole request body is refused before any message is looked at (nothing is written).</summary>
internal sealed record BodyError(int Status, string Detail)
{
    public static BodyError TooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, $"the body is larger than the limit of {limit} bytes (setting Depc:MaxRequestBytes); send several requests");

    public static BodyError TooSlow(int bytesPerSecond, TimeSpan grace) => new(
        StatusCodes.Status408RequestTimeout,
        $"the body arrived slower than {bytesPerSecond} bytes per second after the first {grace.TotalSeconds:0.#} s " +
        "(settings Depc:MinRequestBodyBytesPerSecond and Depc:MinRequestBodyGracePeriod); nothing was written");

    public static BodyError Invalid(string detail) => new(StatusCodes.Status400BadRequest, detail);

    public static BodyError KeyReused(string key) =>
        new(StatusCodes.Status422UnprocessableEntity, $"the Idempotency-Key '{key}' was used for a request with another body; use a new key for a new request");
}
