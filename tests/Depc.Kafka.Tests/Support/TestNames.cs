namespace Depc.Kafka.Tests.Support;

/// <summary>Unique team / topic / group names, so that no test sees another's data.</summary>
internal static class TestNames
{
    /// <summary>A team prefix like <c>t3f9a1c</c>; its teams are <c>prefix</c> and <c>prefix-x</c>.</summary>
    public static string Prefix() => "t" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A topic pattern that matches only the prefix's team topics.</summary>
    public static string Pattern(string prefix) => @"^depc\." + prefix + "[A-Za-z0-9-]*$";
}
