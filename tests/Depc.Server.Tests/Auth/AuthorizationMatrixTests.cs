using System.Net;
using System.Text;
using Depc.Server.Tests.Support;

namespace Depc.Server.Tests.Auth;

/// <summary>Every route × {no token, wrong token, other team's token, own token, admin token}.</summary>
public sealed class AuthorizationMatrixTests(DepcAppFactory app) : IClassFixture<DepcAppFactory>
{
    public enum TokenKind
    {
        None,
        Wrong,
        OtherTeam,
        OwnTeam,
        Admin,
    }

    public enum Access
    {
        /// <summary>The team's token or the admin's.</summary>
        Read,

        /// <summary>The team's token only.</summary>
        Write,

        /// <summary>The admin's token only.</summary>
        AdminOnly,
    }

    private static readonly (string Method, string Path, Access Access)[] Routes =
    [
        ("GET", "/v1/teams/{team}/labels", Access.Read),
        ("GET", "/v1/teams/{team}/labels/Server/nodes?limit=2", Access.Read),
        ("GET", "/v1/teams/{team}/labels/Server/nodes/s1", Access.Read),
        ("GET", "/v1/teams/{team}/labels/Server/nodes/s1/count", Access.Read),
        ("GET", "/v1/teams/{team}/labels/Server/nodes/s1/impacted?impactedLabel=Server", Access.Read),
        ("GET", "/v1/teams/{team}/labels/Server/nodes/s1/impacted/count?impactedLabel=Server", Access.Read),
        ("GET", "/v1/teams/{team}/labels/Server/nodes/s1/impacted/all?impactedLabel=Server", Access.Read),
        ("GET", "/v1/teams/{team}/rejections", Access.Read),
        ("GET", "/v1/teams/{team}/status", Access.Read),
        ("DELETE", "/v1/teams/{team}/labels/Server/nodes/absent", Access.Write),
        ("POST", "/v1/teams/{team}/messages?dryRun=true", Access.Write),
        ("POST", "/v1/teams/{team}/messages", Access.Write),
        ("GET", "/v1/teams", Access.AdminOnly),
        ("POST", "/v1/teams", Access.AdminOnly),
        ("POST", "/v1/teams/{ghost}/token", Access.AdminOnly),
        ("DELETE", "/v1/teams/{ghost}", Access.AdminOnly),
        ("GET", "/metrics", Access.AdminOnly),
    ];

    public static TheoryData<int, TokenKind> Cases()
    {
        var data = new TheoryData<int, TokenKind>();
        for (var i = 0; i < Routes.Length; i++)
        {
            foreach (var caller in Enum.GetValues<TokenKind>())
            {
                data.Add(i, caller);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Route_answers_by_caller(int route, TokenKind caller)
    {
        var (method, template, access) = Routes[route];
        var (team, token) = await app.CreateTeamAsync("own");
        var (_, otherToken) = await app.CreateTeamAsync("other");
        await app.PostMessagesAsync(team, token, """{"source":{"label":"Server","name":"s1"},"target":{"label":"Server","name":"s2"}}""");
        var before = await app.SnapshotAsync(team);

        using var client = app.ClientWith(caller switch
        {
            TokenKind.None => null,
            TokenKind.Wrong => "depc_" + new string('x', 43),
            TokenKind.OtherTeam => otherToken,
            TokenKind.OwnTeam => token,
            _ => DepcAppFactory.AdminToken,
        });
        var response = await client.SendAsync(Request(method, template, team));
        var status = response.StatusCode;

        var allowed = access switch
        {
            Access.Read => caller is TokenKind.OwnTeam or TokenKind.Admin,
            Access.Write => caller is TokenKind.OwnTeam,
            _ => caller is TokenKind.Admin,
        };
        if (allowed)
        {
            Assert.True(status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{method} {template} as {caller}: {status}");
            Assert.True((int)status < 500, $"{method} {template} as {caller}: {status}");
        }
        else
        {
            var expected = caller is TokenKind.None or TokenKind.Wrong ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
            Assert.Equal(expected, status);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            if (access != Access.AdminOnly)
            {
                Assert.Equal(before, await app.SnapshotAsync(team));
            }
        }
    }

    [Theory]
    [InlineData("GET", "/v1/teams/{team}/labels")]
    [InlineData("GET", "/v1/teams/{team}/labels/Server/nodes/s1")]
    [InlineData("POST", "/v1/teams/{team}/messages")]
    [InlineData("GET", "/v1/teams/{team}/rejections")]
    public async Task Another_teams_token_cannot_tell_whether_a_team_exists(string method, string template)
    {
        var (existing, _) = await app.CreateTeamAsync("victim");
        var (_, token) = await app.CreateTeamAsync("probe");
        using var client = app.ClientWith(token);

        var onExisting = await client.SendAsync(Request(method, template, existing));
        var onMissing = await client.SendAsync(Request(method, template, UniqueTeams.Team("ghost")));
        var onInvalid = await client.SendAsync(Request(method, template, "not_a_team"));

        Assert.Equal(HttpStatusCode.Forbidden, onExisting.StatusCode);
        Assert.Equal(onExisting.StatusCode, onMissing.StatusCode);
        Assert.Equal(onExisting.StatusCode, onInvalid.StatusCode);
        var body = await WithoutTraceIdAsync(onExisting);
        Assert.Equal(body, await WithoutTraceIdAsync(onMissing));
        Assert.Equal(body, await WithoutTraceIdAsync(onInvalid));
        Assert.DoesNotContain(existing, body, StringComparison.Ordinal);
    }

    private static async Task<string> WithoutTraceIdAsync(HttpResponseMessage response)
    {
        var problem = (await Json.ReadAsync(response))!.AsObject();
        problem.Remove("traceId");
        return problem.ToJsonString();
    }

    private static HttpRequestMessage Request(string method, string template, string team)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), template.Replace("{team}", team).Replace("{ghost}", UniqueTeams.Team("ghost")));
        if (method == "POST")
        {
            request.Content = template == "/v1/teams"
                ? new StringContent($$"""{"name":"{{UniqueTeams.Team("new")}}"}""", Encoding.UTF8, "application/json")
                : new StringContent("""{"source":{"label":"Server","name":"s9"}}""", Encoding.UTF8, "application/x-ndjson");
        }

        return request;
    }
}
