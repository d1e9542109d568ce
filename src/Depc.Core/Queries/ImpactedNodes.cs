using Depc.Core.Storage;

namespace Depc.Core.Queries;

/// <summary>
/// The impacted nodes of one label at one moment, from <see cref="ImpactAnalysis.Analyze"/>: counted at once, listed
/// in name order only when asked, and made into answer records (with their chains, when asked) one by one as they
/// are listed, so a page of 25 out of a million costs 25 records, not a million.
/// </summary>
public sealed class ImpactedNodes
{
    private readonly ImpactSubgraph _graph;
    private readonly long _ts;
    private readonly ChainForest _active;
    private readonly int[] _byName;
    private ChainForest? _any;
    private bool _sorted;

    internal ImpactedNodes(ImpactSubgraph graph, long ts, ChainForest active, int[] nodes)
    {
        (_graph, _ts, _active, _byName) = (graph, ts, active, nodes);
        foreach (var node in nodes)
        {
            ActiveCount += active.Reaches(node) ? 1 : 0;
        }
    }

    /// <summary>How many nodes of the label are impacted, actively or not.</summary>
    public int Count => _byName.Length;

    /// <summary>How many of them through a wholly active chain.</summary>
    public int ActiveCount { get; }

    /// <summary>How many nodes <see cref="Select"/> lists for the same <paramref name="includeInactive"/>: a count that agrees with its list.</summary>
    public int CountOf(bool includeInactive) => includeInactive ? Count : ActiveCount;

    /// <summary>
    /// The nodes by name (ordinally); only the active ones unless <paramref name="includeInactive"/>, the active ones
    /// first when <paramref name="activeFirst"/> (each part still by name); each with its witness chain when
    /// <paramref name="withPaths"/>. Lazy: skip and take from it.
    /// </summary>
    public IEnumerable<ImpactedNode> Select(bool includeInactive, bool activeFirst, bool withPaths)
    {
        SortByName();
        if (!includeInactive || activeFirst)
        {
            foreach (var node in Where(active: true, withPaths))
            {
                yield return node;
            }

            if (includeInactive)
            {
                foreach (var node in Where(active: false, withPaths))
                {
                    yield return node;
                }
            }

            yield break;
        }

        foreach (var node in _byName)
        {
            yield return Entry(node, withPaths);
        }
    }

    private IEnumerable<ImpactedNode> Where(bool active, bool withPaths)
    {
        foreach (var node in _byName)
        {
            if (_active.Reaches(node) == active)
            {
                yield return Entry(node, withPaths);
            }
        }
    }

    private ImpactedNode Entry(int node, bool withPaths)
    {
        var isActive = _active.Reaches(node);
        var forest = !withPaths ? null : isActive ? _active : (_any ??= ChainForest.Build(_graph, _ts, activeOnly: false));
        var path = forest is not null && forest.Reaches(node) ? forest.Path(node) : null;
        return new ImpactedNode(_graph.Name(node), _graph.From(node), _graph.To(node), isActive, path);
    }

    private void SortByName()
    {
        if (_sorted)
        {
            return;
        }

        var names = new string[_byName.Length];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = _graph.Name(_byName[i]);
        }

        OrdinalOrder.Sort(names, _byName);
        _sorted = true;
    }
}
