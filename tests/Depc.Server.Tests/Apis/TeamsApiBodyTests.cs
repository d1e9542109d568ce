using System.Net;
using System.Text;
using Depc.Server.Tests.Support;

namespace Depc.Server.Tests.Apis;

/// <summary><c>POST /v1/teams</c> with a body it cannot use: a 4xx problem whose detail names what is wrong, and no team made.</summary>
public sealed class TeamsApiBodyTests(DepcAppFactory app) : IClassFixture<DepcAppFactory>
{
    public static TheoryData<string, string, HttpStatusCode, string> Bodies() => new()
    {
        { "no name", "{}", HttpStatusCode.BadRequest, "" },
        { "name null", """{"name":null}""", HttpStatusCode.BadRequest, "" },
        { "team for name", """{"team":"body-a"}""", HttpStatusCode.BadRequest, "body-a" },
        { "unknown key", """{"name":"body-b","extra":1}""", HttpStatusCode.BadRequest, "body-b" },
        { "key twice", """{"name":"body-c","name":"body-d"}""", HttpStatusCode.BadRequest, "body-d" },
        { "broken json", """{"name":""", HttpStatusCode.BadRequest, "" },
        { "name not a string", """{"name":["body-e"]}""", HttpStatusCode.BadRequest, "" },
        { "empty", "", HttpStatusCode.BadRequest, "" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_body_it_cannot_use_gets_a_problem_naming_what_is_wrong_and_creates_nothing(string what, string body, HttpStatusCode expected, string team)
    {
        using var admin = app.Admin();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await admin.PostAsync("/v1/teams", content);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = (await Json.ReadAsync(response))!["detail"]?.GetValue<string>() ?? "";
        Assert.Contains(what switch
        {
            "no name" or "name null" => "'name' is required",
            "team for name" => "'team'",
            "unknown key" => "'extra'",
            "key twice" => "name",
            _ => "The body is not {\"name\": \"acme\"}",
        }, detail, StringComparison.Ordinal);
        if (team.Length > 0)
        {
            Assert.DoesNotContain(team, await admin.GetStringAsync("/v1/teams"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_body_that_is_not_json_gets_a_415_naming_the_type_it_needs()
    {
        using var admin = app.Admin();
        using var content = new StringContent("""{"name":"body-f"}""", Encoding.UTF8, "text/plain");
        var response = await admin.PostAsync("/v1/teams", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("JSON", (await Json.ReadAsync(response))!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
