using System.Text.Json.Serialization;
using Depc.Core.Storage;

namespace Depc.Server.Teams;

/// <summary>A team as listed to the admin: never its token.</summary>
public sealed record TeamInfo(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("created_at")] long CreatedAt,
    [property: JsonPropertyName("token_rotated_at")] long TokenRotatedAt)
{
    public static TeamInfo Of(StoredTeam team)
    {
        ArgumentNullException.ThrowIfNull(team);
        return new(team.Name, team.CreatedAt, team.RotatedAt);
    }
}
