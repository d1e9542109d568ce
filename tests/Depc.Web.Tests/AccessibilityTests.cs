using Deque.AxeCore.Playwright;
using Depc.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Depc.Web.Tests;

/// <summary>axe-core's WCAG A/AA rules (labels on controls, contrast, names of buttons and links) on each screen.</summary>
[Collection(WebPageGroup.Name)]
public sealed class AccessibilityTests(WebPageFixture fixture)
{
    [Fact]
    public async Task The_sign_in_screen_breaks_no_wcag_rule()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page.GetByLabel("Team token")).ToBeVisibleAsync();

        await AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task The_node_view_with_impacted_nodes_and_rejections_breaks_no_wcag_rule()
    {
        var page = await SignedInPage.OpenAsync(fixture);
        await SignedInPage.OpenNodeAsync(page, "Service", "check", "checkout");
        await page.GetByLabel("Show inactive links").CheckAsync();
        await SignedInPage.SetDayAsync(page, WebGraph.DayOrdersDbInactive);
        await page.GetByLabel("Impacted label").SelectOptionAsync("Service");
        await page.GetByRole(AriaRole.Button, new() { Name = "List impacted nodes" }).ClickAsync();
        await Expect(page.Locator("#impacted-summary")).Not.ToBeEmptyAsync();
        await Expect(page.Locator("#rejections tbody tr")).ToHaveCountAsync(1);

        await AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task The_history_diff_and_why_views_break_no_wcag_rule()
    {
        var page = await SignedInPage.OpenAsync(fixture);
        await SignedInPage.OpenNodeAsync(page, "Database", "ledger", "ledger");
        await Expect(page.Locator("#history-strips li")).Not.ToHaveCountAsync(0);
        await page.GetByLabel("Scope").SelectOptionAsync("team");
        await page.GetByLabel("From (UTC)").FillAsync("2023-03-01T00:00");
        await page.GetByLabel("To (UTC)").FillAsync("2024-03-01T00:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();
        await Expect(page.Locator("#diff-disappeared li")).Not.ToHaveCountAsync(0);
        await page.GetByLabel("Impacted label").SelectOptionAsync("Service");
        await page.GetByLabel("Moment (UTC)").FillAsync(WebGraph.ImpactMoment);
        await page.GetByRole(AriaRole.Button, new() { Name = "List impacted nodes" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Why is checkout impacted?" }).ClickAsync();
        await Expect(page.Locator("#why-chain > li")).Not.ToHaveCountAsync(0);

        await AssertNoViolationsAsync(page);
    }

    private static async Task AssertNoViolationsAsync(IPage page)
    {
        var results = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions
        {
            RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        var violations = results.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))})");
        Assert.Empty(violations);
    }
}
