using Depc.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Depc.Web.Tests;

/// <summary>The day slider, a node's history strips, the diff view and "why?" on impacted nodes, in Chromium.</summary>
[Collection(WebPageGroup.Name)]
public sealed class TimeTravelTests(WebPageFixture fixture)
{
    [Fact]
    public async Task Scrubbing_days_with_the_slider_moves_the_drawing_along()
    {
        var page = await SignedInPage.OpenAsync(fixture);
        await SignedInPage.OpenNodeAsync(page, "Service", "check", "checkout");
        await SignedInPage.SetDayAsync(page, WebGraph.DayBothActive);
        var slider = page.GetByLabel("Scrub through time");
        await Expect(slider).ToHaveValueAsync(DayNumber(WebGraph.DayBothActive));
        await Expect(SignedInPage.Graph(page)).ToHaveAttributeAsync("data-links", "2");

        await slider.FillAsync(DayNumber(WebGraph.DayOrdersDbInactive));

        await Expect(page.GetByLabel("Day")).ToHaveValueAsync(WebGraph.DayOrdersDbInactive);
        await Expect(page.Locator("#day-slider-value")).ToHaveTextAsync(WebGraph.DayOrdersDbInactive);
        await Expect(SignedInPage.Graph(page)).ToHaveAttributeAsync("data-links", "1");
        await Expect(SignedInPage.Neighbours(page)).ToHaveTextAsync(["paymentsService"]);
        // The slider starts at the node's first link (2023-01-01).
        await Expect(slider).ToHaveAttributeAsync("min", DayNumber("2023-01-01"));
        await Screenshots.TakeAsync(page, "node-checkout-day-slider");
    }

    [Fact]
    public async Task A_nodes_history_is_a_strip_per_relationship_with_its_periods()
    {
        var page = await SignedInPage.OpenAsync(fixture);
        await SignedInPage.OpenNodeAsync(page, "Service", "check", "checkout");

        var strips = page.Locator("#history-strips li");
        await Expect(strips).ToHaveCountAsync(4);
        await Expect(strips.Locator(".strip-caption")).ToHaveTextAsync(
            ["the node itself", "web/front (Service) depends on it", "depends on orders-db (Database)", "depends on payments (Service)"]);
        await Expect(strips.Locator(".strip-periods")).ToHaveTextAsync(
            ["always", "since 2023-01-01 00:00:00", "2024-01-01 00:00:00 to 2024-06-30 00:00:00", "since 2023-01-01 00:00:00"]);
        await Expect(strips.Nth(2).Locator("svg rect")).ToHaveCountAsync(1);
        await Expect(strips.Nth(2).Locator("svg")).ToHaveAttributeAsync("aria-label", "depends on orders-db (Database): 2024-01-01 00:00:00 to 2024-06-30 00:00:00");
        await Screenshots.TakeAsync(page, "node-checkout-history");
    }

    [Fact]
    public async Task The_diff_view_draws_what_appeared_and_disappeared_with_a_legend_and_lists_it()
    {
        var page = await SignedInPage.OpenAsync(fixture);
        await SignedInPage.OpenNodeAsync(page, "Service", "check", "checkout");

        await page.GetByLabel("From (UTC)").FillAsync("2024-03-01T00:00");
        await page.GetByLabel("To (UTC)").FillAsync("2024-09-01T00:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();

        await Expect(page.Locator("#diff-summary")).ToHaveTextAsync(
            "0 appeared and 1 disappeared around checkout between 2024-03-01 00:00:00 and 2024-09-01 00:00:00 UTC.");
        await Expect(page.Locator("#diff-graph")).ToHaveAttributeAsync("data-disappeared", "1");
        await Expect(page.Locator("#diff-graph")).ToHaveAttributeAsync("data-appeared", "0");
        await Expect(page.Locator("#diff-disappeared li")).ToHaveTextAsync(["checkout depends on orders-db"]);
        await Expect(page.Locator("#diff-appeared li")).ToHaveTextAsync(["nothing"]);
        await Expect(page.Locator("#diff-panel .legend")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("appeared.*disappeared"));
        await Screenshots.TakeAsync(page, "diff-checkout");

        await page.GetByLabel("Scope").SelectOptionAsync("team");
        await page.GetByLabel("From (UTC)").FillAsync("2023-03-01T00:00");
        await page.GetByLabel("To (UTC)").FillAsync("2024-03-01T00:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();
        await Expect(page.Locator("#diff-appeared li")).ToHaveTextAsync(["checkout depends on orders-db"]);
        await Expect(page.Locator("#diff-disappeared li")).ToHaveTextAsync(["legacy depends on ledger"]);
        await Expect(page.Locator("#diff-graph")).ToHaveAttributeAsync("data-appeared", "1");
        await Screenshots.TakeAsync(page, "diff-team");
    }

    [Fact]
    public async Task Why_on_an_impacted_node_draws_its_chain_and_flags_an_inactive_one()
    {
        var page = await SignedInPage.OpenAsync(fixture);
        await SignedInPage.OpenNodeAsync(page, "Database", "ledger", "ledger");
        await page.GetByLabel("Impacted label").SelectOptionAsync("Service");
        await page.GetByLabel("Moment (UTC)").FillAsync(WebGraph.ImpactMoment);
        await page.GetByRole(AriaRole.Button, new() { Name = "List impacted nodes" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Why is web/front impacted?" }).ClickAsync();

        await Expect(page.Locator("#why-title")).ToHaveTextAsync("Why web/front is impacted");
        await Expect(page.Locator("#why-chain > li > a")).ToHaveTextAsync(["web/front", "checkout", "payments", "ledger"]);
        await Expect(page.Locator("#why-graph")).ToHaveAttributeAsync("data-nodes", "4");
        await Expect(page.Locator("#why-graph")).ToHaveAttributeAsync("data-inactive", "0");
        await Screenshots.TakeAsync(page, "why-web-front");

        await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Why is legacy impacted?" }).ClickAsync();
        await Expect(page.Locator("#why-summary")).ToContainTextAsync("No chain is wholly active");
        await Expect(page.Locator("#why-graph")).ToHaveAttributeAsync("data-inactive", "1");
        await Expect(page.Locator("#why-chain .hop.inactive")).ToContainTextAsync("2023-01-01 00:00:00 to 2023-06-01 00:00:00");
        await Screenshots.TakeAsync(page, "why-legacy-inactive");
    }

    private static string DayNumber(string day) =>
        (DateOnly.ParseExact(day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).DayNumber - new DateOnly(1970, 1, 1).DayNumber)
            .ToString(System.Globalization.CultureInfo.InvariantCulture);
}
