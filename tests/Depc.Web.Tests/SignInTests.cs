using Depc.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Depc.Web.Tests;

[Collection(WebPageGroup.Name)]
public sealed class SignInTests(WebPageFixture fixture)
{
    [Fact]
    public async Task A_wrong_token_is_refused_with_a_message_and_the_right_one_shows_the_team_labels_with_counts()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");

        await SignedInPage.SignInAsync(page, "not-a-token");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Your token is not valid");
        await Expect(page.GetByLabel("Team token")).ToBeVisibleAsync();

        await SignedInPage.SignInAsync(page, fixture.Server.Token);
        await Expect(page.Locator("#signed-in-as")).ToHaveTextAsync($"Team {fixture.Server.Team}");
        await Expect(page.Locator("#labels button")).ToHaveTextAsync(["Database2", "Service29"]);
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeHiddenAsync();
        await Screenshots.TakeAsync(page, "signed-in");
    }

    [Fact]
    public async Task The_token_is_kept_for_the_tab_only_and_signing_out_forgets_it()
    {
        var page = await SignedInPage.OpenAsync(fixture);

        await page.ReloadAsync();
        await Expect(page.Locator("#signed-in-as")).ToHaveTextAsync($"Team {fixture.Server.Team}");
        Assert.Equal(fixture.Server.Token, await page.EvaluateAsync<string>("sessionStorage.getItem('depc.token')"));
        Assert.Null(await page.EvaluateAsync<string?>("localStorage.getItem('depc.token')"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByLabel("Team token")).ToBeVisibleAsync();
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('depc.token')"));
    }

    [Fact]
    public async Task Everything_is_reachable_with_the_keyboard_alone()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");

        // The token field has the focus on arrival; Enter submits.
        await page.Keyboard.TypeAsync(fixture.Server.Token);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#signed-in-as")).ToHaveTextAsync($"Team {fixture.Server.Team}");

        await page.Locator("#labels button[data-label='Database']").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByLabel("Search nodes")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("ledg");
        await Expect(page.Locator("#nodes a")).ToHaveTextAsync(["ledger"]);
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#nodes a")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#node-title")).ToHaveTextAsync("Database: ledger");

        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Day")).ToBeFocusedAsync();
    }
}
