using Microsoft.Playwright;

namespace Depc.Web.Tests.Support;

/// <summary>
/// One <c>depc serve</c> with <see cref="WebGraph"/> ingested, and one headless Debian Chromium driven by
/// Playwright (never a downloaded browser); each test opens its own browser context, so sessions don't leak.
/// </summary>
public sealed class WebPageFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        // Root in a container has no user namespace sandbox; the closed network refuses Chromium's own calls home.
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;

    public DepcServe Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await DepcServe.StartAsync("web-" + Guid.NewGuid().ToString("N")[..8]);
        await AssertPageBuiltAsync();
        await Server.IngestAsync(WebGraph.Messages());
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 1000 },
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.DisposeAsync();
            _playwright.Dispose();
        }

        await Server.DisposeAsync();
    }

    private async Task AssertPageBuiltAsync()
    {
        using var client = new HttpClient { BaseAddress = Server.BaseAddress };
        var page = await client.GetAsync("/");
        Assert.True(
            page.Content.Headers.ContentType?.MediaType == "text/html",
            "depc serve has no web page at /: it is built with npm during the build of Depc.Server (is npm installed?). It answered: "
            + await page.Content.ReadAsStringAsync());
    }

    private static string ChromiumPath()
    {
        var path = Environment.GetEnvironmentVariable("DEPC_CHROMIUM") ?? "/usr/bin/chromium";
        Assert.True(
            File.Exists(path),
            $"Chromium not found at {path}: install Debian's chromium package (scripts/test does) or set DEPC_CHROMIUM.");
        return path;
    }
}

[CollectionDefinition(Name)]
public sealed class WebPageGroup : ICollectionFixture<WebPageFixture>
{
    public const string Name = "web page";
}
