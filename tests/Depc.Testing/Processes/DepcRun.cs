namespace Depc.Testing.Processes;

/// <summary>A finished <c>depc</c> command: its exit code and what it printed.</summary>
public sealed record DepcRun(IReadOnlyList<string> Arguments, int ExitCode, string Output, string Error)
{
    /// <summary>The output of a command that must have succeeded; otherwise an exception naming the command and its error text.</summary>
    public string OutputOfSuccess() => ExitCode == 0
        ? Output
        : throw new InvalidOperationException($"depc {string.Join(' ', Arguments)} exited with {ExitCode}: {Error}");
}
