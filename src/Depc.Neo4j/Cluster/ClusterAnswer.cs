using System.Text.Json;

namespace Depc.Neo4j.Cluster;

/// <summary>
/// What a member's own cluster procedure says about the database's writer: the leader's addresses, or that the
/// member is a single server. Pure: read from the rows of <c>CALL dbms.cluster.overview()</c> (3.x/4.x) or
/// <c>SHOW DATABASES</c> (4.x/5.x).
/// </summary>
internal sealed record ClusterAnswer(IReadOnlyList<string> LeaderAddresses, bool Standalone)
{
    public static readonly ClusterAnswer Single = new([], Standalone: true);

    /// <summary>
    /// Rows of <c>dbms.cluster.overview()</c>: 3.x <c>[id, addresses, role, …]</c>, 4.x
    /// <c>[id, addresses, databases {name: role}, groups]</c>. No leader yet (an election) gives no address.
    /// </summary>
    public static ClusterAnswer FromOverview(IEnumerable<JsonElement> rows, string? database)
    {
        foreach (var row in rows)
        {
            var role = row[2].ValueKind switch
            {
                JsonValueKind.String => row[2].GetString(),
                JsonValueKind.Object when row[2].TryGetProperty(database ?? "neo4j", out var r) => r.GetString(),
                _ => null,
            };
            if (string.Equals(role, "LEADER", StringComparison.OrdinalIgnoreCase))
            {
                return new ClusterAnswer([.. row[1].EnumerateArray().Select(a => a.GetString() ?? "")], Standalone: false);
            }
        }

        return new ClusterAnswer([], Standalone: false);
    }

    /// <summary>Rows of <c>SHOW DATABASES YIELD name, address, role[, writer]</c>: the writer (5.x), a leader (4.x) or a standalone server.</summary>
    public static ClusterAnswer FromShowDatabases(IEnumerable<JsonElement> rows, string? database)
    {
        foreach (var row in rows)
        {
            if (row[0].GetString() != (database ?? "neo4j"))
            {
                continue;
            }

            var role = row[2].GetString();
            if (string.Equals(role, "standalone", StringComparison.OrdinalIgnoreCase))
            {
                return Single;
            }

            var writer = row.GetArrayLength() > 3 && row[3].ValueKind == JsonValueKind.True;
            if (writer || string.Equals(role, "leader", StringComparison.OrdinalIgnoreCase))
            {
                return new ClusterAnswer([row[1].GetString() ?? ""], Standalone: false);
            }
        }

        return new ClusterAnswer([], Standalone: false);
    }

    /// <summary>
    /// The member the leader's addresses name: by HTTP address, else by Bolt address (<c>bolt://host:port</c> or a
    /// bare <c>host:port</c>, as discovery found each member's). Null when none is one of <paramref name="members"/>.
    /// </summary>
    public Neo4jMember? Find(IEnumerable<Neo4jMember> members)
    {
        foreach (var member in members)
        {
            foreach (var address in LeaderAddresses)
            {
                var (scheme, authority) = Split(address);
                var same = scheme is "http" or "https"
                    ? scheme == member.Root.Scheme && SameAuthority(authority, member.Root.Authority)
                    : member.Server?.BoltAuthority is { } bolt && SameAuthority(authority, bolt);
                if (same)
                {
                    return member;
                }
            }
        }

        return null;
    }

    /// <summary>The leader's HTTP root when the answer gives one (3.x/4.x overviews do), to reach a leader not configured.</summary>
    public Uri? HttpRoot() =>
        LeaderAddresses.Select(Split).Where(a => a.Scheme is "http" or "https")
            .Select(a => Uri.TryCreate($"{a.Scheme}://{a.Authority}/", UriKind.Absolute, out var uri) ? uri : null)
            .FirstOrDefault(u => u is not null);

    private static (string Scheme, string Authority) Split(string address)
    {
        var at = address.IndexOf("://", StringComparison.Ordinal);
        var (scheme, rest) = at < 0 ? ("", address) : (address[..at].ToLowerInvariant(), address[(at + 3)..]);
        return (scheme, rest.TrimEnd('/'));
    }

    private static bool SameAuthority(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
