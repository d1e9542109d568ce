namespace Depc.Cli;

/// <summary>A failure a command reports to its user with a specific exit code (not found, refused).</summary>
internal sealed class CliFailure(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
