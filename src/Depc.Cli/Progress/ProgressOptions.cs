using System.CommandLine;

namespace Depc.Cli.Progress;

/// <summary>
/// <c>--progress</c> and <c>--quiet</c> of the long commands: progress is shown on stderr when it is a terminal,
/// never otherwise unless <c>--progress</c> forces it; <c>--quiet</c> silences it.
/// </summary>
internal sealed class ProgressOptions
{
    public Option<bool> Progress { get; } = new("--progress") { Description = "Show progress on stderr even when it is not a terminal (one line a second)" };

    public Option<bool> Quiet { get; } = new("--quiet") { Description = "Show no progress, even on a terminal" };

    /// <summary>Whether progress is shown; refuses both options together.</summary>
    public bool Wanted(ParseResult result, CliConsole console)
    {
        var (forced, quiet) = (result.GetValue(Progress), result.GetValue(Quiet));
        if (forced && quiet)
        {
            throw new ArgumentException("--progress and --quiet cannot be given together");
        }

        return !quiet && (forced || console.ErrorIsTerminal);
    }

    /// <summary>A reporter on stderr when progress is wanted, else null.</summary>
    public static ProgressReporter? Start(bool wanted, string command, ProgressCounter counter, CliConsole console) =>
        wanted ? new ProgressReporter(command, counter, console.Error, inPlace: console.ErrorIsTerminal, TimeProvider.System) : null;

    /// <summary>The size of all the input when every source is a file; null when one is stdin.</summary>
    public static long? TotalBytes(IEnumerable<string> sources)
    {
        long total = 0;
        foreach (var source in sources)
        {
            if (source == "-")
            {
                return null;
            }

            total += new FileInfo(source).Length;
        }

        return total;
    }
}
