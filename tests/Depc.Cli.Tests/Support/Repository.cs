namespace Depc.Cli.Tests.Support;

/// <summary>The clone these tests were built from: its root, and the build configuration of the tests (and so of depc).</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the <c>bin/&lt;configuration&gt;/</c> folder the tests run from.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Depc.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Depc.slnx above {AppContext.BaseDirectory}");
    }
}
