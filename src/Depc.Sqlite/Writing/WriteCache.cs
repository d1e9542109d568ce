using Depc.Core.Periods;

namespace Depc.Sqlite.Writing;

/// <summary>
/// Nodes (id and bounds) and relationship states this process has written or read, so a batch does not read
/// them back per message. Valid only while the database's write generation is the one this
/// process last wrote: any other writer (another process) makes it start afresh.
/// </summary>
internal sealed class WriteCache(int maxEntries)
{
    public long Generation { get; set; } = -1;

    public Dictionary<(string Team, string Label, string Name), CachedNode> Nodes { get; } = [];

    public Dictionary<(long Source, long Target), RelationshipState> Relationships { get; } = [];

    /// <summary>True while every relationship in the database is in <see cref="Relationships"/>: a miss then means "none yet".</summary>
    public bool HoldsAllRelationships { get; set; }

    public void Clear()
    {
        Generation = -1;
        HoldsAllRelationships = false;
        Nodes.Clear();
        Relationships.Clear();
    }

    /// <summary>Keeps memory bounded on huge graphs: past the limit the caches simply start over.</summary>
    public void Trim()
    {
        if (Nodes.Count + Relationships.Count > maxEntries)
        {
            var generation = Generation;
            Clear();
            Generation = generation;
        }
    }
}
