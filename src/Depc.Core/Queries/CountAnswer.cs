using System.Text.Json.Serialization;

namespace Depc.Core.Queries;

public sealed record CountAnswer([property: JsonPropertyName("count")] long Count);
