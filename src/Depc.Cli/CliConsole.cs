namespace Depc.Cli;

/// <summary>Where a command reads and writes, so tests can run the real commands in-process.</summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, Func<Stream> OpenStandardInput)
{
    public static CliConsole System { get; } = new(Console.Out, Console.Error, Console.OpenStandardInput) { ErrorIsTerminal = !Console.IsErrorRedirected };

    /// <summary>Whether stderr is a terminal (a person watching): progress is then shown, and drawn in place.</summary>
    public bool ErrorIsTerminal { get; init; }
}
