using System.Text.Json.Serialization;

namespace Depc.Server.Teams;

public sealed record CreateTeamRequest([property: JsonPropertyName("name")] string? Name);
