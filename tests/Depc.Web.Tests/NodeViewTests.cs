using Depc.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Depc.Web.Tests;

[Collection(WebPageGroup.Name)]
public sealed class NodeViewTests(WebPageFixture fixture)
{
    [Fact]
    public async Task Searching_a_node_and_opening_it_draws_it_with_its_direct_dependencies()
    {
        var page = await SignedInPage.OpenAsync(fixture);

        await page.Locator("#labels button[data-label='Service']").ClickAsync();
        await page.GetByLabel("Search nodes").FillAsync("eck");
        await Expect(page.Locator("#nodes a")).ToHaveTextAsync(["checkout"]);
        await page.Locator("#nodes a").ClickAsync();
        await SignedInPage.SetDayAsync(page, WebGraph.DayBothActive);

        await Expect(page.Locator("#node-title")).ToHaveTextAsync("Service: checkout");
        await Expect(SignedInPage.Graph(page)).ToHaveAttributeAsync("data-nodes", "3");
        await Expect(SignedInPage.Graph(page)).ToHaveAttributeAsync("data-links", "2");
        await Expect(SignedInPage.Neighbours(page)).ToHaveTextAsync(["orders-dbDatabase", "paymentsService"]);
        await Expect(page.Locator("#graph canvas").First).ToBeVisibleAsync();
        await Screenshots.TakeAsync(page, "node-checkout-depends-on");
    }

    [Fact]
    public async Task Moving_the_day_past_a_links_period_turns_it_inactive_drawn_only_when_inactive_links_are_shown()
    {
        var page = await SignedInPage.OpenAsync(fixture);
        await SignedInPage.OpenNodeAsync(page, "Service", "check", "checkout");
        await page.GetByLabel("Show inactive links").CheckAsync();

        await SignedInPage.SetDayAsync(page, WebGraph.DayBothActive);
        await Expect(SignedInPage.Graph(page)).ToHaveAttributeAsync("data-inactive-links", "0");
        await Expect(page.Locator("#neighbours li.inactive")).ToHaveCountAsync(0);

        await SignedInPage.SetDayAsync(page, WebGraph.DayOrdersDbInactive);
        await Expect(SignedInPage.Graph(page)).ToHaveAttributeAsync("data-inactive-links", "1");
        await Expect(page.Locator("#neighbours li.inactive")).ToHaveTextAsync(["orders-dbDatabaseinactive"]);
        await Screenshots.TakeAsync(page, "node-checkout-inactive-link");

        await page.GetByLabel("Show inactive links").UncheckAsync();
        await Expect(SignedInPage.Graph(page)).ToHaveAttributeAsync("data-links", "1");
        await Expect(SignedInPage.Neighbours(page)).ToHaveTextAsync(["paymentsService"]);
    }

    [Fact]
    public async Task Impacted_by_shows_who_depends_on_the_node_and_clicking_a_drawn_neighbour_opens_it()
    {
        var page = await SignedInPage.OpenAsync(fixture);
        await SignedInPage.OpenNodeAsync(page, "Service", "pay", "payments");
        await SignedInPage.SetDayAsync(page, WebGraph.DayBothActive);
        await Expect(SignedInPage.Neighbours(page)).ToHaveTextAsync(["ledgerDatabase"]);

        await page.GetByLabel("Impacted by").CheckAsync();
        await Expect(SignedInPage.Neighbours(page)).ToHaveTextAsync(["checkoutService"]);

        // A click on the drawn node itself, at the place Cytoscape rendered it.
        var at = await page.EvaluateAsync<double[]>(
            "() => { const p = document.getElementById('graph')._cyreg.cy.nodes().filter(n => n.data('name') === 'checkout').renderedPosition(); return [p.x, p.y]; }");
        var box = (await SignedInPage.Graph(page).BoundingBoxAsync())!;
        await page.Mouse.ClickAsync((float)(box.X + at[0]), (float)(box.Y + at[1]));

        await Expect(page.Locator("#node-title")).ToHaveTextAsync("Service: checkout");
        await Expect(SignedInPage.Neighbours(page)).ToHaveTextAsync(["web/frontService"]);
    }

    [Fact]
    public async Task A_node_whose_name_has_a_slash_opens_like_any_other()
    {
        var page = await SignedInPage.OpenAsync(fixture);
        await SignedInPage.OpenNodeAsync(page, "Service", "front", "web/front");
        await SignedInPage.SetDayAsync(page, WebGraph.DayBothActive);

        await Expect(SignedInPage.Neighbours(page)).ToHaveTextAsync(["checkoutService"]);
    }

    [Fact]
    public async Task A_node_without_links_that_day_says_so()
    {
        var page = await SignedInPage.OpenAsync(fixture);
        await SignedInPage.OpenNodeAsync(page, "Service", "legacy", "legacy");
        await SignedInPage.SetDayAsync(page, WebGraph.DayBothActive);

        await Expect(page.Locator("#neighbours-empty")).ToContainTextAsync("This node depends on nothing on that day.");
        await Expect(SignedInPage.Graph(page)).ToHaveAttributeAsync("data-nodes", "1");
    }
}
