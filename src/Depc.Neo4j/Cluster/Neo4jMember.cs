using System.Diagnostics;
using Depc.Neo4j.Http;

namespace Depc.Neo4j.Cluster;

/// <summary>One server of the store: its root URL, what discovery found there, and whether it failed lately.</summary>
internal sealed class Neo4jMember(Uri root)
{
    private long _downUntil;

    public Uri Root { get; } = root;

    /// <summary>Found by discovery (endpoints, version, Bolt address); null until then.</summary>
    public ServerInfo? Server { get; set; }

    public bool IsDown => Stopwatch.GetTimestamp() < Volatile.Read(ref _downUntil);

    public void MarkDown(TimeSpan duration) => Volatile.Write(ref _downUntil, Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency));

    /// <summary>The server names its URLs with the host it sees; keep talking to the address we were given.</summary>
    public Uri Rebase(Uri uri) => uri.IsAbsoluteUri ? new Uri(Root, uri.PathAndQuery) : new Uri(Root, uri);

    public override string ToString() => Root.Authority;
}
