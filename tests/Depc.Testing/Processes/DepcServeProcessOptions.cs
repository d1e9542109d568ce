namespace Depc.Testing.Processes;

/// <summary>How to start a <see cref="DepcServeProcess"/>: its working directory, the arguments after <c>serve --urls …</c>, and its environment.</summary>
public sealed record DepcServeProcessOptions(string WorkingDirectory, IReadOnlyList<string> Arguments)
{
    /// <summary>Variables set for the process (e.g. <c>DEPC_ADMIN_TOKEN</c>, <c>Depc__Kafka__…</c>); a null value removes one.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>A fixed port (kept across restarts anyway); a free one when null.</summary>
    public int? Port { get; init; }

    /// <summary>What must answer 200 before the server counts as started.</summary>
    public string ReadyPath { get; init; } = "/health/live";

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
