using Microsoft.Playwright;

namespace Depc.Web.Tests.Support;

/// <summary>Screenshots kept as test artifacts in <c>artifacts/web/</c> at the repository root (or <c>$DEPC_TEST_ARTIFACTS</c>).</summary>
public static class Screenshots
{
    public static string Folder { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("DEPC_TEST_ARTIFACTS") ?? Path.Combine(RepositoryRoot(), "artifacts"), "web");

    public static async Task TakeAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name + ".png"), FullPage = true });
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Depc.slnx")))
            {
                return dir.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }
}
