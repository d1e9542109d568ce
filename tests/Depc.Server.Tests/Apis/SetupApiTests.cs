using Depc.Server.Tests.Support;

namespace Depc.Server.Tests.Apis;

public sealed class SetupApiTests(DepcAppFactory app) : IClassFixture<DepcAppFactory>
{
    [Fact]
    public async Task Without_a_token_it_tells_whether_a_team_exists_and_until_one_does_how_to_create_it()
    {
        using var anonymous = app.ClientWith(null);
        var before = (await Json.ReadAsync(await anonymous.GetAsync("/v1/setup")))!;
        Assert.False(before["has_teams"]!.GetValue<bool>());
        Assert.EndsWith($"team create my-team --store sqlite:{app.DatabasePath}", before["create_team"]!.GetValue<string>(), StringComparison.Ordinal);

        await app.CreateTeamAsync();

        var after = (await Json.ReadAsync(await anonymous.GetAsync("/v1/setup")))!;
        Assert.True(after["has_teams"]!.GetValue<bool>());
        Assert.Null(after["create_team"]);
    }
}
