using System.Net;
using Depc.Server.Tests.Support;

namespace Depc.Server.Tests.Apis;

/// <summary><c>GET /v1/whoami</c> tells a token's owner, which the web page needs to sign in with a token alone.</summary>
public sealed class WhoAmIApiTests(DepcAppFactory app) : IClassFixture<DepcAppFactory>
{
    [Fact]
    public async Task A_team_token_is_its_team_and_the_admin_token_is_the_admin()
    {
        var (team, token) = await app.CreateTeamAsync();
        using var teamClient = app.ClientWith(token);
        using var admin = app.Admin();

        Json.Equal(Json.Of(new { team, admin = false }), await Json.ReadAsync(await teamClient.GetAsync("/v1/whoami")));
        Json.Equal(Json.Of(new { admin = true }), await Json.ReadAsync(await admin.GetAsync("/v1/whoami")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("nobody's token")]
    public async Task Without_a_valid_token_it_is_401(string? token)
    {
        using var client = app.ClientWith(token);

        var response = await client.GetAsync("/v1/whoami");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
