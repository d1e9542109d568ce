using Depc.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Depc.Web.Tests;

[Collection(WebPageGroup.Name)]
public sealed class ImpactedPanelTests(WebPageFixture fixture)
{
    private const int PageSize = 20;

    [Fact]
    public async Task Lists_what_a_failure_impacts_at_a_moment_active_first_with_a_count_a_page_at_a_time()
    {
        var expected = WebGraph.ServicesImpactedByLedger;
        var page = await SignedInPage.OpenAsync(fixture);
        await SignedInPage.OpenNodeAsync(page, "Database", "ledger", "ledger");

        await page.GetByLabel("Impacted label").SelectOptionAsync("Service");
        await page.GetByLabel("Moment (UTC)").FillAsync(WebGraph.ImpactMoment);
        await page.GetByRole(AriaRole.Button, new() { Name = "List impacted nodes" }).ClickAsync();

        await Expect(page.Locator("#impacted-summary")).ToHaveTextAsync(
            $"{expected.Count} Service nodes impacted at 2024-03-01 12:00:00 UTC; showing 1–{PageSize}, active first.");
        await Expect(page.Locator("#impacted li a")).ToHaveTextAsync(expected.Take(PageSize).Select(e => e.Name).ToArray());
        await Expect(page.Locator("#impacted li.inactive")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Previous page" })).ToBeDisabledAsync();
        await Screenshots.TakeAsync(page, "impacted-ledger-page-1");

        await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Expect(page.Locator("#impacted li a")).ToHaveTextAsync(expected.Skip(PageSize).Select(e => e.Name).ToArray());
        await Expect(page.Locator("#impacted li.inactive a")).ToHaveTextAsync(["legacy"]);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Next page" })).ToBeDisabledAsync();
        await Screenshots.TakeAsync(page, "impacted-ledger-page-2");

        await page.GetByRole(AriaRole.Button, new() { Name = "Previous page" }).ClickAsync();
        await Expect(page.Locator("#impacted li a").First).ToHaveTextAsync("checkout");
    }

    [Fact]
    public async Task A_label_nothing_of_which_is_impacted_says_so()
    {
        var page = await SignedInPage.OpenAsync(fixture);
        await SignedInPage.OpenNodeAsync(page, "Service", "front", "web/front");

        await page.GetByLabel("Impacted label").SelectOptionAsync("Database");
        await page.GetByLabel("Moment (UTC)").FillAsync(WebGraph.ImpactMoment);
        await page.GetByRole(AriaRole.Button, new() { Name = "List impacted nodes" }).ClickAsync();

        await Expect(page.Locator("#impacted-summary")).ToHaveTextAsync("No Database node is impacted at 2024-03-01 12:00:00 UTC.");
        await Expect(page.Locator("#impacted li")).ToHaveCountAsync(0);
    }
}
