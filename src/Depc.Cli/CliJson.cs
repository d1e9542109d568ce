using System.Text.Encodings.Web;
using System.Text.Json;

namespace Depc.Cli;

/// <summary>One JSON document per output line; node names keep their characters readable (no \u0026 for '&amp;').</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void WriteLine<T>(TextWriter writer, T value) => writer.WriteLine(JsonSerializer.Serialize(value, Options));
}
