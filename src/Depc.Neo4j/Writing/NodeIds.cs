namespace Depc.Neo4j.Writing;

/// <summary>
/// The ids of a batch's nodes as the lock request returned them, by label group and position in the group
/// (the positions <see cref="Core.Planning.RelationshipEvents"/> point at), and which of them this transaction created.
/// </summary>
internal sealed class NodeIds
{
    private readonly long[][] _ids;
    private readonly bool[][] _created;

    public NodeIds(IReadOnlyList<Core.Planning.LabelNodes> groups)
    {
        _ids = new long[groups.Count][];
        _created = new bool[groups.Count][];
        for (var g = 0; g < groups.Count; g++)
        {
            _ids[g] = new long[groups[g].Nodes.Count];
            _created[g] = new bool[groups[g].Nodes.Count];
        }
    }

    public long Id(int group, int at) => _ids[group][at];

    /// <summary>Created by this transaction: no other transaction can have a relationship to it yet.</summary>
    public bool IsNew(int group, int at) => _created[group][at];

    public void Set(int group, int at, long id, bool created) => (_ids[group][at], _created[group][at]) = (id, created);
}
