using Depc.Core.Naming;

namespace Depc.Neo4j.Tests.Support;

/// <summary>A fresh team per test, so no test sees another's nodes.</summary>
public static class TestTeams
{
    public static TeamName New(string prefix = "t") => TeamName.Parse(prefix + Guid.NewGuid().ToString("N")[..12]);
}
