namespace Depc.Core.Queries;

/// <summary>An answer, or why there is none (a node that is absent, or not impacted): what the CLI and HTTP API report as "not found".</summary>
public sealed record Lookup<T>(T? Answer, string? NotFound)
    where T : class;

/// <summary>Makes <see cref="Lookup{T}"/>s.</summary>
public static class Lookup
{
    public static Lookup<T> Found<T>(T answer)
        where T : class => new(answer, null);

    public static Lookup<T> Missing<T>(string why)
        where T : class => new(null, why);
}
