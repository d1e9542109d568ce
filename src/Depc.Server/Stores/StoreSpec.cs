using Depc.Neo4j;

namespace Depc.Server.Stores;

/// <summary>
/// The store a user names, parsed once (every command, the server and the team backend take this, not the text):
/// <c>sqlite:PATH</c> or <c>neo4j:http://…</c> with one server or the members of a cluster. The prefixes are
/// case-insensitive. <see cref="ToString"/> never shows a password.
/// </summary>
public abstract record StoreSpec
{
    public const string SqlitePrefix = "sqlite:";

    public const string Forms = $"sqlite:PATH or {Neo4jConnectionString.Form}";

    /// <exception cref="ArgumentException">The text names no store, or names one wrongly; the message says what is wrong.</exception>
    public static StoreSpec Parse(string text, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException($"the store is empty: give {Forms}");
        }

        if (text.StartsWith(SqlitePrefix, StringComparison.OrdinalIgnoreCase))
        {
            var path = text[SqlitePrefix.Length..];
            return string.IsNullOrWhiteSpace(path)
                ? throw new ArgumentException("store 'sqlite:' needs a file path, e.g. sqlite:depc.db")
                : new SqliteStoreSpec(path);
        }

        if (text.StartsWith(Neo4jConnectionString.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return new Neo4jStoreSpec(Neo4jConnectionString.Parse(text, environment));
            }
            catch (FormatException e)
            {
                throw new ArgumentException($"store: {e.Message}", e);
            }
        }

        // Not echoed whole: an unknown form may still carry a password.
        var shown = text.Length > 40 ? text[..40] + "…" : text;
        throw new ArgumentException($"store '{(text.Contains('@', StringComparison.Ordinal) ? "(not shown: it holds an '@')" : shown)}' is neither sqlite:PATH nor {Neo4jConnectionString.Form}");
    }

    /// <summary>Like <see cref="Parse"/>, with the error as a value (for options validation).</summary>
    public static bool TryParse(string? text, out StoreSpec? spec, out string? error)
    {
        try
        {
            (spec, error) = (Parse(text ?? ""), null);
            return true;
        }
        catch (ArgumentException e)
        {
            (spec, error) = (null, e.Message);
            return false;
        }
    }
}
