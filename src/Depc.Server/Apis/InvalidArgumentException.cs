namespace Depc.Server.Apis;

/// <summary>A route or query argument that breaks its rule; <see cref="ArgumentErrorFilter"/> answers it as a 400 problem.</summary>
internal sealed class InvalidArgumentException(string parameter, string rule) : Exception($"{parameter} {rule}")
{
    public string Parameter { get; } = parameter;

    public string Rule { get; } = rule;
}
