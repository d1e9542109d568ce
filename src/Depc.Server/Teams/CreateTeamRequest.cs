using System.Text.Json.Serialization;

namespace Depc.Server.Teams;

/// <summary>The body of <c>POST /v1/teams</c>: <c>{"name": "acme"}</c>; any other key is refused, not ignored.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CreateTeamRequest([property: JsonPropertyName("name")] string? Name)
{
    /// <summary>What the body looks like, for the errors that refuse another one.</summary>
    public const string Example = """{"name": "acme"}""";
}
