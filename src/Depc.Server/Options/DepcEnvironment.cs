namespace Depc.Server.Options;

/// <summary>
/// The environment variables of <c>depc</c> mapped onto configuration keys: the short ones the other
/// commands use (<c>DEPC_STORE</c>, <c>DEPC_ADMIN_TOKEN</c>) and any <c>DEPC_SECTION__KEY</c>
/// (e.g. <c>DEPC_KAFKA__BOOTSTRAPSERVERS</c>) as <c>Depc:Section:Key</c>.
/// </summary>
internal static class DepcEnvironment
{
    private static readonly (string Variable, string Key)[] Map =
    [
        ("DEPC_STORE", "Depc:Store"),
        ("DEPC_ADMIN_TOKEN", "Depc:AdminToken"),
    ];

    public static IConfigurationBuilder AddDepcEnvironment(this IConfigurationBuilder configuration)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && name.StartsWith("DEPC_", StringComparison.Ordinal) && name.Contains("__", StringComparison.Ordinal))
            {
                values["Depc:" + name["DEPC_".Length..].Replace("__", ":", StringComparison.Ordinal)] = entry.Value as string;
            }
        }

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
