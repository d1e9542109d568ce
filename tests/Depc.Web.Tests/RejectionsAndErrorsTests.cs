using Depc.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Depc.Web.Tests;

[Collection(WebPageGroup.Name)]
public sealed class RejectionsAndErrorsTests(WebPageFixture fixture)
{
    [Fact]
    public async Task The_teams_rejections_are_listed_with_their_reasons()
    {
        var feed = await fixture.Server.GetAsync($"/v1/teams/{fixture.Server.Team}/rejections");
        var reason = Assert.Single(feed.AsArray())!["reason"]!.GetValue<string>();

        var page = await SignedInPage.OpenAsync(fixture);

        var row = page.Locator("#rejections tbody tr");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator("td").Nth(1)).ToContainTextAsync("http");
        await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync(reason);
        await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync(WebGraph.InvalidMessage);
        Assert.Contains("label", reason, StringComparison.OrdinalIgnoreCase);
        await Screenshots.TakeAsync(page, "rejections");
    }

    [Fact]
    public async Task A_new_team_sees_empty_states_and_a_rotated_token_sends_back_to_sign_in_with_a_reason()
    {
        var (team, token) = await fixture.Server.CreateTeamAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await SignedInPage.SignInAsync(page, token);

        await Expect(page.Locator("#signed-in-as")).ToHaveTextAsync($"Team {team}");
        await Expect(page.Locator("#labels")).ToContainTextAsync("No nodes yet");
        await Expect(page.Locator("#rejections-empty")).ToBeVisibleAsync();
        await Expect(page.Locator("#node-empty")).ToHaveTextAsync("Pick a label, then a node, to see what it depends on.");

        await fixture.Server.RotateTokenAsync(team);
        await page.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();

        await Expect(page.GetByLabel("Team token")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Your token is not valid any more");
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('depc.token')"));
    }

    [Fact]
    public async Task An_unknown_node_is_named_in_a_clear_message()
    {
        var page = await SignedInPage.OpenAsync(fixture);

        await page.GotoAsync("/#/node/Service/no-such-service");

        await Expect(page.Locator("#node-title")).ToHaveTextAsync("Unknown node");
        await Expect(page.Locator("#node-empty")).ToContainTextAsync("There is no Service node named \"no-such-service\"");
        await Expect(page.Locator("#impacted-panel")).ToBeHiddenAsync();

        // A link mangled by hand (a broken %-escape) is no node at all, not a crash.
        await page.GotoAsync("/#/node/Service/%E0%A4%A");
        await Expect(page.Locator("#node-title")).ToHaveTextAsync("No node selected");
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_is_reported_and_the_page_recovers_when_it_answers_again()
    {
        var page = await SignedInPage.OpenAsync(fixture);
        await page.RouteAsync("**/v1/**", route => route.AbortAsync("connectionrefused"));

        await page.Locator("#labels button[data-label='Service']").ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(
            "The Depc server cannot be reached. Check that depc serve is running, then try again.");
        await Screenshots.TakeAsync(page, "server-unreachable");

        await page.UnrouteAllAsync();
        await page.GetByLabel("Search nodes").FillAsync("legacy");
        await Expect(page.Locator("#nodes a")).ToHaveTextAsync(["legacy"]);
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeHiddenAsync();
    }

    [Fact]
    public async Task The_admin_token_chooses_among_the_teams()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await SignedInPage.SignInAsync(page, fixture.Server.AdminToken);

        await Expect(page.GetByLabel("Team", new() { Exact = true })).ToBeVisibleAsync();
        await page.GetByLabel("Team", new() { Exact = true }).SelectOptionAsync(fixture.Server.Team);

        await Expect(page.Locator("#signed-in-as")).ToHaveTextAsync($"Team {fixture.Server.Team}");
        await Expect(page.Locator("#labels button")).ToHaveTextAsync(["Database2", "Service29"]);
    }
}
