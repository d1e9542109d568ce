namespace Depc.Neo4j;

/// <summary>
/// Where the Neo4j store is: <c>neo4j:http://[user[:password]@]host:port[/database]</c> (the <c>neo4j:</c>
/// prefix is optional). Without a password in the URI it comes from <c>DEPC_NEO4J_PASSWORD</c>, with the user
/// <c>neo4j</c> when none is given. <see cref="ToString"/> never shows the password.
/// </summary>
public sealed class Neo4jConnectionString
{
    public const string Prefix = "neo4j:";
    public const string PasswordVariable = "DEPC_NEO4J_PASSWORD";
    public const string DefaultUser = "neo4j";

    private Neo4jConnectionString(Uri baseUri, string? user, string? password, string? database)
    {
        BaseUri = baseUri;
        User = user;
        Password = password;
        Database = database;
    }

    /// <summary>The server's root, <c>http://host:port/</c>, without credentials.</summary>
    public Uri BaseUri { get; }

    /// <summary>Null: no authentication.</summary>
    public string? User { get; }

    public string? Password { get; }

    /// <summary>Null: the server's default database (<c>neo4j</c> on 4.x/5.x; 3.x has only one).</summary>
    public string? Database { get; }

    /// <summary>Request timeout of one HTTP call (default 2 minutes).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(2);

    public static Neo4jConnectionString Parse(string spec, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        environment ??= Environment.GetEnvironmentVariable;
        var text = spec.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? spec[Prefix.Length..] : spec;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new FormatException("a Neo4j store is neo4j:http://[user:password@]host:port[/database]");
        }

        string? user = null;
        string? password = null;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            password = colon < 0 ? null : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }

        if (password is null && environment(PasswordVariable) is { Length: > 0 } fromEnvironment)
        {
            password = fromEnvironment;
            user ??= DefaultUser;
        }

        var path = uri.AbsolutePath.Trim('/');
        if (path.Contains('/', StringComparison.Ordinal))
        {
            throw new FormatException("the path of a Neo4j store URI is at most a database name");
        }

        var root = new UriBuilder(uri.Scheme, uri.Host, uri.Port, "/").Uri;
        return new Neo4jConnectionString(root, user, password ?? (user is null ? null : string.Empty), path.Length == 0 ? null : Uri.UnescapeDataString(path));
    }

    public override string ToString()
    {
        var credentials = User is null ? string.Empty : Uri.EscapeDataString(User) + (string.IsNullOrEmpty(Password) ? "@" : ":***@");
        var database = Database is null ? string.Empty : "/" + Uri.EscapeDataString(Database);
        return $"{Prefix}{BaseUri.Scheme}://{credentials}{BaseUri.Authority}{database}";
    }
}
