namespace Depc.Cli.Tests.Support;

/// <summary>Tests that must not share the process with others running at the same time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialTests
{
    public const string Name = "Serial";
}
