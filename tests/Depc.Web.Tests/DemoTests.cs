using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Depc.Testing.Processes;
using Depc.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Depc.Web.Tests;

/// <summary><c>depc serve --demo</c> as a child process: its sign-in link, the demo graph on a chosen day, a second start; and a store without a team.</summary>
[Collection(WebPageGroup.Name)]
public sealed partial class DemoTests(WebPageFixture fixture) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("depc-web-demo-").FullName;

    private string Store => "sqlite:" + Path.Combine(_folder, "demo.db");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_printed_link_signs_in_to_the_demo_graph_whose_links_changed_in_the_last_weeks()
    {
        await using var server = await DepcServeProcess.StartAsync(new DepcServeProcessOptions(_folder, ["--store", Store, "--demo"]));
        var link = await SignInLinkAsync(server, starts: 1);
        var page = await NewPageAsync();

        await page.GotoAsync(link.ToString());
        await Expect(page.Locator("#signed-in-as")).ToHaveTextAsync("Team demo");
        Assert.DoesNotContain("token", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("#labels button")).ToHaveTextAsync(["Cluster12", "Datacenter3", "Rack12", "Server126", "Service60", "Website80"]);

        // catalog-api failed over from its home cluster to k8s-a.gra1 for a few days, some weeks ago.
        var failover = await FailoverDayAsync(server, link);
        await page.Locator("#labels button[data-label='Service']").ClickAsync();
        await page.GetByLabel("Search nodes").FillAsync("catalog-api");
        await page.Locator("#nodes").GetByRole(AriaRole.Link, new() { Name = "catalog-api", Exact = true }).ClickAsync();
        await Expect(page.Locator("#node-title")).ToHaveTextAsync("Service: catalog-api");
        await Expect(SignedInPage.Neighbours(page)).Not.ToContainTextAsync(["k8s-a.gra1"]);

        await SignedInPage.SetDayAsync(page, failover);
        await Expect(SignedInPage.Neighbours(page).Filter(new() { HasText = "k8s-a.gra1" })).ToHaveCountAsync(1);
        await Expect(page.Locator("#graph canvas").First).ToBeVisibleAsync();
        await page.GetByLabel("Show inactive links").CheckAsync();
        await Expect(SignedInPage.Graph(page)).ToHaveAttributeAsync("data-nodes", "5");
        await Screenshots.TakeAsync(page, "demo-catalog-api-on-a-failover-day");
    }

    [Fact]
    public async Task A_second_demo_start_on_the_same_store_keeps_the_graph_and_gives_a_new_link()
    {
        await using var server = await DepcServeProcess.StartAsync(new DepcServeProcessOptions(_folder, ["--store", Store, "--demo"]));
        var first = Token(await SignInLinkAsync(server, starts: 1));
        var labels = await GetAsync(server, first, "/v1/teams/demo/labels");
        await server.StopAsync();

        await server.StartAgainAsync();
        var second = Token(await SignInLinkAsync(server, starts: 2));

        Assert.NotEqual(first, second);
        Assert.Equal(labels.ToJsonString(), (await GetAsync(server, second, "/v1/teams/demo/labels")).ToJsonString());
        using var old = server.Client(first);
        Assert.Equal(HttpStatusCode.Unauthorized, (await old.GetAsync("/v1/whoami")).StatusCode);
        Assert.Contains("Demo team demo kept as it was (293 nodes)", server.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_team_the_signed_out_page_shows_only_the_sign_in_form_saying_how_to_create_one()
    {
        await using var server = await DepcServeProcess.StartAsync(new DepcServeProcessOptions(_folder, ["--store", Store]));
        var page = await NewPageAsync();

        await page.GotoAsync(server.BaseAddress.ToString());

        await Expect(page.Locator("#first-team")).ToContainTextAsync("No team exists on this server yet");
        await Expect(page.Locator("#first-team-command")).ToHaveTextAsync($"depc team create my-team --store {Store}");
        await Expect(page.GetByLabel("Team token")).ToBeVisibleAsync();
        foreach (var panel in new[] { "#team-view", "#labels-heading", "#rejections-panel", "#node-view" })
        {
            await Expect(page.Locator(panel)).ToBeHiddenAsync();
        }

        Assert.Contains($"No team exists yet: create one with `depc team create my-team --store {Store}`", server.Log, StringComparison.Ordinal);
        await Screenshots.TakeAsync(page, "sign-in-no-team-yet");
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
        return await context.NewPageAsync();
    }

    /// <summary>The link the <paramref name="starts"/>-th start printed (it comes right after the server listens).</summary>
    private static async Task<Uri> SignInLinkAsync(DepcServeProcess server, int starts)
    {
        for (var i = 0; i < 300; i++)
        {
            var links = SignInLink().Matches(server.Log);
            if (links.Count >= starts)
            {
                var link = new Uri(links[starts - 1].Groups[1].Value);
                Assert.Equal(server.BaseAddress.Authority, link.Authority);
                return link;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"depc serve --demo printed no sign-in link:\n{server.Log}");
    }

    private static string Token(Uri link) => Uri.UnescapeDataString(link.Fragment["#token=".Length..]);

    /// <summary>The UTC day catalog-api's failover link (two moments: opened, closed) opened.</summary>
    private static async Task<string> FailoverDayAsync(DepcServeProcess server, Uri link)
    {
        var answer = await GetAsync(server, Token(link), "/v1/teams/demo/labels/Service/nodes/catalog-api?inactive=true");
        var failover = answer["dependencies"]!["Cluster"]!.AsArray().Single(c => c!["periods"]!.AsArray().Count == 2)!;
        Assert.Equal("k8s-a.gra1", failover["name"]!.GetValue<string>());
        var opened = failover["periods"]![0]!.GetValue<long>();
        return DateTimeOffset.FromUnixTimeSeconds(opened).UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<JsonNode> GetAsync(DepcServeProcess server, string token, string path)
    {
        using var client = server.Client(token);
        var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    [GeneratedRegex(@"Demo team 'demo' ready: open (http://\S+/#token=\S+) to sign in")]
    private static partial Regex SignInLink();
}
