using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Depc.Neo4j.Http;

/// <summary>The <c>{"statements": [{"statement": …, "parameters": {…}}]}</c> body of a transactional request.</summary>
internal static class StatementsBody
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "UTF-8" };

    // The body goes to a JSON parser, never into HTML: no need to escape backticks, quotes or '+'.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static HttpContent Create(IReadOnlyList<CypherStatement> statements)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("statements"u8);
            foreach (var statement in statements)
            {
                writer.WriteStartObject();
                writer.WriteString("statement"u8, statement.Text);
                writer.WriteStartObject("parameters"u8);
                statement.WriteParameters?.Invoke(writer);
                writer.WriteEndObject();
                writer.WriteStartArray("resultDataContents"u8);
                writer.WriteStringValue("row"u8);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        var content = new ByteArrayContent(buffer.GetBuffer(), 0, (int)buffer.Length);
        content.Headers.ContentType = Json;
        return content;
    }
}
