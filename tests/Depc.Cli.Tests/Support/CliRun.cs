using System.Text.Json.Nodes;

namespace Depc.Cli.Tests.Support;

/// <summary>What one in-process <c>depc</c> run returned and wrote.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>Stdout parsed as one JSON document.</summary>
    public JsonNode? Json => JsonNode.Parse(Out);

    public IReadOnlyList<string> ErrorLines => Lines(Error);

    public static IReadOnlyList<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();

    /// <summary>Exit 0, nothing on stderr, exactly one line on stdout.</summary>
    public CliRun AssertOk()
    {
        Assert.True(ExitCode == 0, $"exit code {ExitCode}, stderr: {Error}");
        Assert.True(Error.Length == 0, $"unexpected stderr: {Error}");
        AssertOneLine();
        return this;
    }

    /// <summary>A failure: the given exit code, nothing on stdout, a message on stderr containing <paramref name="message"/>.</summary>
    public CliRun AssertFails(int exitCode, string message)
    {
        Assert.True(ExitCode == exitCode, $"exit code {ExitCode}, expected {exitCode}; stdout: {Out}; stderr: {Error}");
        Assert.Equal(string.Empty, Out);
        Assert.Contains(message, Error, StringComparison.Ordinal);
        return this;
    }

    public void AssertOneLine()
    {
        Assert.EndsWith("\n", Out, StringComparison.Ordinal);
        Assert.Single(Lines(Out));
    }
}
