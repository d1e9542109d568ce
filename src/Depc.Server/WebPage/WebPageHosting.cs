using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Depc.Server.WebPage;

/// <summary>
/// The page at <c>/</c>: the files the front-end build (<c>web/</c>, built with the server) put in the
/// output's <c>web/</c>. Served before authentication: the files hold no data; the page asks the API
/// with the team token it is given.
/// </summary>
internal static class WebPageHosting
{
    // The page loads only its own script and style; Cytoscape styles its canvas through inline styles.
    private const string ContentSecurityPolicy =
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public static string Root => Path.Combine(AppContext.BaseDirectory, "web");

    public static WebApplication UseWebPage(this WebApplication app)
    {
        if (!File.Exists(Path.Combine(Root, "index.html")))
        {
            Log.WebPageMissing(app.Logger, Root);
            app.MapGet("/", () => Results.Text(
                    "The Depc web page was not built: install Node.js and npm, then build again (the build runs 'npm ci' and 'npm run build' in web/). The API is under /v1.",
                    "text/plain"))
                .AllowAnonymous()
                .ExcludeFromDescription();
            return app;
        }

        var files = new PhysicalFileProvider(Root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files, OnPrepareResponse = AddHeaders });
        return app;
    }

    private static void AddHeaders(StaticFileResponseContext context)
    {
        var headers = context.Context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";

        // Built assets carry a content hash in their names: cached for good. The page itself is revalidated.
        var isAsset = context.Context.Request.Path.StartsWithSegments("/assets", StringComparison.Ordinal);
        headers.CacheControl = isAsset ? "public, max-age=31536000, immutable" : "no-cache";
        if (!isAsset)
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XFrameOptions = "DENY";
        }
    }
}
