using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Depc.Server.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Depc.Server.Tests.Operations;

public sealed class OperationsTests(DepcAppFactory app) : IClassFixture<DepcAppFactory>
{
    [Fact]
    public async Task Health_probes_need_no_token()
    {
        using var client = app.ClientWith(null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Metrics_count_messages_by_team_and_outcome()
    {
        var (team, token) = await app.CreateTeamAsync();
        await app.PostMessagesAsync(team, token, """
            {"source":{"label":"Server","name":"a"}}
            {"source":{"label":"bad","name":"a"}}
            """);
        using var admin = app.Admin();

        // The exporter caches a scrape briefly; the counters were added before this first scrape of this test's team.
        var text = await admin.GetStringAsync("/metrics");
        Assert.Contains("depc_messages", text, StringComparison.Ordinal);
        Assert.Contains($"team=\"{team}\"", text, StringComparison.Ordinal);
        Assert.Contains("depc_batch_size", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_routes()
    {
        using var client = app.ClientWith(null);
        var document = (await client.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/v1/teams/{team}/labels", paths);
        Assert.Contains("/v1/teams/{team}/messages", paths);
        Assert.Contains("/v1/teams/{team}/labels/{label}/nodes/{node}", paths);
    }

    [Fact]
    public async Task Unknown_routes_answer_a_problem()
    {
        using var client = app.Admin();
        var response = await client.GetAsync("/nothing/here");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Teams_are_created_listed_rotated_and_deleted_and_only_hashes_are_stored()
    {
        using var admin = app.Admin();
        var team = UniqueTeams.Team("life");
        var created = await admin.PostAsJsonAsync("/v1/teams", new { name = team });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var token = (await Json.ReadAsync(created))!["token"]!.GetValue<string>();
        Assert.StartsWith("depc_", token, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/v1/teams", new { name = team })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/v1/teams", new { name = "no_underscore" })).StatusCode);

        var list = (await admin.GetFromJsonAsync<JsonArray>("/v1/teams"))!;
        Assert.Contains(list, t => t!["name"]!.GetValue<string>() == team);
        Assert.DoesNotContain(token, list.ToJsonString(), StringComparison.Ordinal);
        Assert.False(FileContains(app.DatabasePath, token), "the token itself must never be stored");

        using (var own = app.ClientWith(token))
        {
            Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/v1/teams/{team}/labels")).StatusCode);
        }

        var rotated = await admin.PostAsync($"/v1/teams/{team}/token", null);
        var newToken = (await Json.ReadAsync(rotated))!["token"]!.GetValue<string>();
        Assert.NotEqual(token, newToken);
        using (var old = app.ClientWith(token))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await old.GetAsync($"/v1/teams/{team}/labels")).StatusCode);
        }

        using (var fresh = app.ClientWith(newToken))
        {
            Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync($"/v1/teams/{team}/labels")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/teams/{team}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/v1/teams/{team}")).StatusCode);
        using var gone = app.ClientWith(newToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await gone.GetAsync($"/v1/teams/{team}/labels")).StatusCode);
    }

    private static bool FileContains(string path, string text)
    {
        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM depc_teams WHERE CAST(token_hash AS TEXT) LIKE '%' || $t || '%' OR name LIKE '%' || $t || '%'";
        command.Parameters.AddWithValue("$t", text);
        return (long)command.ExecuteScalar()! > 0;
    }
}
