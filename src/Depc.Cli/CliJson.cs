using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Depc.Cli;

/// <summary>One JSON document per output line; node names keep their characters readable (no \u0026 for '&amp;').</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The same options with generated serialisers for the lines printed most (<see cref="CliJsonContext"/>).</summary>
    public static CliJsonContext Generated { get; } = new(new JsonSerializerOptions(Options));

    public static void WriteLine<T>(TextWriter writer, T value) => writer.WriteLine(JsonSerializer.Serialize(value, Options));

    public static void WriteLine<T>(TextWriter writer, T value, JsonTypeInfo<T> type) => writer.WriteLine(JsonSerializer.Serialize(value, type));
}
