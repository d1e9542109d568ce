namespace Depc.Neo4j;

/// <summary>
/// Where the Neo4j store is: <c>neo4j:http://[user[:password]@]host:port[,host:port…][/database]</c> (the
/// <c>neo4j:</c> prefix is optional): one server, or the members of a cluster, which share the scheme, the
/// credentials and the database. Without a password in the URI it comes from <c>DEPC_NEO4J_PASSWORD</c>, with the
/// user <c>neo4j</c> when none is given. <see cref="ToString"/> never shows the password.
/// </summary>
public sealed class Neo4jConnectionString
{
    public const string Prefix = "neo4j:";
    public const string PasswordVariable = "DEPC_NEO4J_PASSWORD";
    public const string DefaultUser = "neo4j";
    public const string Form = "neo4j:http://[user:password@]host:port[,host:port…][/database]";

    private Neo4jConnectionString(IReadOnlyList<Uri> members, string? user, string? password, string? database)
    {
        Members = members;
        User = user;
        Password = password;
        Database = database;
    }

    /// <summary>The servers' roots, <c>http://host:port/</c>, without credentials, in the order given.</summary>
    public IReadOnlyList<Uri> Members { get; }

    /// <summary>The first member (the only one of a single server).</summary>
    public Uri BaseUri => Members[0];

    /// <summary>Null: no authentication.</summary>
    public string? User { get; }

    public string? Password { get; }

    /// <summary>Null: the server's default database (<c>neo4j</c> on 4.x/5.x; 3.x has only one).</summary>
    public string? Database { get; }

    /// <summary>Request timeout of one HTTP call (default 2 minutes).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <exception cref="FormatException">The text is not of the form above; the message says which part is wrong.</exception>
    public static Neo4jConnectionString Parse(string spec, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        environment ??= Environment.GetEnvironmentVariable;
        var text = spec.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? spec[Prefix.Length..] : spec;
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd < 0 ? "" : text[..schemeEnd].ToLowerInvariant();
        if (scheme != Uri.UriSchemeHttp && scheme != Uri.UriSchemeHttps)
        {
            throw new FormatException($"a Neo4j store is {Form} (Neo4j's HTTP API, not Bolt)");
        }

        var rest = text[(schemeEnd + 3)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var (authority, path) = slash < 0 ? (rest, "") : (rest[..slash], rest[(slash + 1)..].TrimEnd('/'));
        if (path.Contains('/', StringComparison.Ordinal))
        {
            throw new FormatException("the path of a Neo4j store URI is at most a database name");
        }

        string? user = null;
        string? password = null;
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = authority[..at];
            authority = authority[(at + 1)..];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            user = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
            password = colon < 0 ? null : Uri.UnescapeDataString(userInfo[(colon + 1)..]);
        }

        if (password is null && environment(PasswordVariable) is { Length: > 0 } fromEnvironment)
        {
            password = fromEnvironment;
            user ??= DefaultUser;
        }

        var members = ParseMembers(scheme, authority);
        return new Neo4jConnectionString(members, user, password ?? (user is null ? null : string.Empty), path.Length == 0 ? null : Uri.UnescapeDataString(path));
    }

    private static List<Uri> ParseMembers(string scheme, string authority)
    {
        var members = new List<Uri>();
        var parts = authority.Split(',');
        for (var i = 0; i < parts.Length; i++)
        {
            var which = parts.Length == 1 ? "the server" : $"member {i + 1} of {parts.Length}";
            if (!Uri.TryCreate($"{scheme}://{parts[i]}/", UriKind.Absolute, out var member)
                || parts[i].Length == 0 || member.AbsolutePath != "/" || member.UserInfo.Length > 0)
            {
                throw new FormatException($"{which} of the Neo4j store, '{parts[i]}', is not host:port (in {Form})");
            }

            if (members.Contains(member))
            {
                throw new FormatException($"{which} of the Neo4j store, '{parts[i]}', is named twice");
            }

            members.Add(member);
        }

        return members;
    }

    public override string ToString() =>
        Text(User is null ? string.Empty : Uri.EscapeDataString(User) + (string.IsNullOrEmpty(Password) ? "@" : ":***@"));

    /// <summary>The store without any credentials (the password then comes from <c>DEPC_NEO4J_PASSWORD</c>).</summary>
    public string WithoutCredentials() => Text(string.Empty);

    private string Text(string credentials) =>
        $"{Prefix}{BaseUri.Scheme}://{credentials}{string.Join(',', Members.Select(m => m.Authority))}{(Database is null ? string.Empty : "/" + Uri.EscapeDataString(Database))}";
}
