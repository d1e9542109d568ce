using System.Text.Json;
using System.Text.Unicode;
using Depc.Core.Ingestion;

namespace Depc.Core.Messages;

/// <summary>
/// Decodes one message from raw UTF-8 bytes straight into a <see cref="GraphMessage"/>, checking
/// every rule of SPEC §3 in a single pass without building a DOM. Never throws for bad input:
/// the answer is a <see cref="Rejection"/> naming the field and the rule. Thread-safe.
/// </summary>
public sealed partial class MessageDecoder
{
    public const int DefaultMaxMessageBytes = 1024 * 1024;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 16 };

    private readonly LabelCache _labels = new();

    /// <param name="limits">The bounds on names and labels (and, for the planner, on periods); the defaults when null.</param>
    public MessageDecoder(int maxMessageBytes = DefaultMaxMessageBytes, IngestLimits? limits = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxMessageBytes);
        limits ??= IngestLimits.Default;
        if (limits.Problems() is [var first, ..])
        {
            throw new ArgumentException(first, nameof(limits));
        }

        MaxMessageBytes = maxMessageBytes;
        Limits = limits;
    }

    public int MaxMessageBytes { get; }

    public IngestLimits Limits { get; }

    /// <summary>The rejection of a message over the size limit, also for readers that skip such a message unread.</summary>
    public Rejection Oversized(long length) => new("$", $"is {length} bytes, larger than the limit of {MaxMessageBytes} bytes");

    public DecodeResult Decode(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxMessageBytes)
        {
            var tooLarge = Oversized(utf8.Length);
            return DecodeResult.Invalid(tooLarge.Field, tooLarge.Rule);
        }

        if (!Utf8.IsValid(utf8))
        {
            return DecodeResult.Invalid("$", "is not valid UTF-8");
        }

        try
        {
            var reader = new Utf8JsonReader(utf8, ReaderOptions);
            if (!reader.Read())
            {
                return DecodeResult.Invalid("$", "is empty: a message is one JSON object");
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return DecodeResult.Invalid("$", "must be a JSON object");
            }

            var result = ReadMessage(ref reader, "$", allowEnvelope: true);
            if (result.IsValid && reader.Read())
            {
                return DecodeResult.Invalid("$", "has data after the JSON object: one message per line");
            }

            return result;
        }
        catch (JsonException e)
        {
            return DecodeResult.Invalid("$", "is not valid JSON: " + FirstSentence(e.Message));
        }
        catch (InvalidOperationException e) when (e.TargetSite?.Module.Assembly == typeof(JsonException).Assembly)
        {
            // Unescaping a string or key with a lone UTF-16 surrogate (\ud800) throws this, not JsonException.
            return DecodeResult.Invalid("$", "is not valid JSON: " + FirstSentence(e.Message));
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" Path:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
