using System.Text.Json.Serialization;

namespace Depc.Server.Teams;

/// <summary>A team's new token, shown once when the team is created or its token rotated.</summary>
public sealed record CreatedToken(
    [property: JsonPropertyName("team")] string Team,
    [property: JsonPropertyName("token")] string Token);
