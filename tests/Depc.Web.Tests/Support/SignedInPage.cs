using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Depc.Web.Tests.Support;

/// <summary>What the tests do on the page, by what a user sees: labels of controls and visible text.</summary>
public static class SignedInPage
{
    public static async Task<IPage> OpenAsync(WebPageFixture fixture)
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await SignInAsync(page, fixture.Server.Token);
        await Expect(page.Locator("#signed-in-as")).ToHaveTextAsync($"Team {fixture.Server.Team}");
        return page;
    }

    public static async Task SignInAsync(IPage page, string token)
    {
        await page.GetByLabel("Team token").FillAsync(token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public static async Task OpenNodeAsync(IPage page, string label, string search, string name)
    {
        await page.Locator($"#labels button[data-label='{label}']").ClickAsync();
        await page.GetByLabel("Search nodes").FillAsync(search);
        await page.Locator("#nodes").GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
        await Expect(page.Locator("#node-title")).ToHaveTextAsync($"{label}: {name}");
    }

    public static async Task SetDayAsync(IPage page, string day)
    {
        await page.GetByLabel("Day").FillAsync(day);
    }

    public static ILocator Graph(IPage page) => page.Locator("#graph");

    public static ILocator Neighbours(IPage page) => page.Locator("#neighbours li");
}
