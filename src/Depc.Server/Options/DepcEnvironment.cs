namespace Depc.Server.Options;

/// <summary>The short environment variables the other <c>depc</c> commands use, mapped onto configuration keys.</summary>
internal static class DepcEnvironment
{
    private static readonly (string Variable, string Key)[] Map =
    [
        ("DEPC_STORE", "Depc:Store"),
        ("DEPC_ADMIN_TOKEN", "Depc:AdminToken"),
    ];

    public static IConfigurationBuilder AddDepcEnvironment(this IConfigurationBuilder configuration)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (variable, key) in Map)
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
            {
                values[key] = value;
            }
        }

        return values.Count == 0 ? configuration : configuration.AddInMemoryCollection(values);
    }
}
