using System.Text.Json;

namespace Depc.Neo4j.Http;

/// <summary>
/// One Cypher statement: its text, a writer for its <c>$parameters</c> (written straight into the request,
/// no intermediate objects) and where its rows go as they are read from the answer.
/// </summary>
internal sealed record CypherStatement(string Text, Action<Utf8JsonWriter>? WriteParameters = null, Action<JsonElement>? OnRow = null);
