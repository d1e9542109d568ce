namespace Depc.Core.Messages;

/// <summary>Either a message or the rejection that explains why there is none.</summary>
public readonly record struct DecodeResult
{
    private DecodeResult(GraphMessage? message, Rejection? rejection)
    {
        Message = message;
        Rejection = rejection;
    }

    public GraphMessage? Message { get; }

    public Rejection? Rejection { get; }

    public bool IsValid => Message is not null;

    public static DecodeResult Valid(GraphMessage message) => new(message, null);

    public static DecodeResult Invalid(string field, string rule) => new(null, new Rejection(field, rule));
}
