using System.Net;
using System.Text.RegularExpressions;
using Depc.Server.Tests.Support;

namespace Depc.Server.Tests.WebPage;

/// <summary>The built page is served at / without a token, locked down by its headers; everything else still needs one.</summary>
public sealed partial class WebPageHostingTests(DepcAppFactory app) : IClassFixture<DepcAppFactory>
{
    [Fact]
    public async Task The_page_is_served_at_the_root_without_a_token_with_a_content_security_policy()
    {
        using var client = app.ClientWith(null);

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.True(response.Headers.CacheControl?.NoCache, "the page itself must be revalidated");
        Assert.Contains("<label for=\"token\">Team token</label>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Its_hashed_assets_are_cached_for_good_and_other_paths_still_need_a_token()
    {
        using var client = app.ClientWith(null);
        var page = await client.GetStringAsync("/");
        var script = ScriptPath().Match(page);
        Assert.True(script.Success, "the page references no built script");

        var asset = await client.GetAsync(script.Groups[1].Value);

        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Equal("text/javascript", asset.Content.Headers.ContentType?.MediaType);
        Assert.True(asset.Headers.CacheControl?.MaxAge >= TimeSpan.FromDays(365), "hashed assets are immutable");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/no-such-file.js")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/v1/teams/x/labels")).StatusCode);
    }

    [GeneratedRegex("src=\"(/assets/[^\"]+\\.js)\"")]
    private static partial Regex ScriptPath();
}
