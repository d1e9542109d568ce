using Microsoft.Extensions.Logging;

namespace Depc.Neo4j.Cluster;

/// <summary>
/// Which member takes what: writes go to the current leader (a single server is its own), reads to any member,
/// members that failed lately last. The leader is forgotten as soon as a write to it fails for a reason that says
/// it may no longer lead (not a leader, read-only, unreachable): the next write looks for the leader again
/// instead of trying the same member forever.
/// </summary>
internal sealed class MemberRouter(IReadOnlyList<Uri> roots, ILogger logger)
{
    /// <summary>How long a member that could not be reached is tried only after the others.</summary>
    public static readonly TimeSpan DownTime = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private readonly List<Neo4jMember> _members = [.. roots.Select(r => new Neo4jMember(r))];
    private Neo4jMember? _writer;
    private int _nextReader;

    /// <summary>More than one member: the writer must be looked up.</summary>
    public bool IsCluster => _members.Count > 1;

    /// <summary>The current leader, or null when it must be looked up (always the only member of a single server).</summary>
    public Neo4jMember? Writer
    {
        get
        {
            lock (_lock)
            {
                return IsCluster ? _writer : _members[0];
            }
        }
    }

    /// <summary>Members in the order to ask: the ones that did not fail lately first, from <paramref name="start"/> on.</summary>
    public IReadOnlyList<Neo4jMember> InOrder(int start = 0)
    {
        lock (_lock)
        {
            var rotated = _members.Skip(start % _members.Count).Concat(_members.Take(start % _members.Count)).ToList();
            return [.. rotated.Where(m => !m.IsDown), .. rotated.Where(m => m.IsDown)];
        }
    }

    /// <summary>Members for a read: each read starts at the next member, so reads spread over the cluster.</summary>
    public IReadOnlyList<Neo4jMember> ForRead() => InOrder(IsCluster ? Interlocked.Increment(ref _nextReader) : 0);

    public void Lead(Neo4jMember member)
    {
        lock (_lock)
        {
            if (_writer != member)
            {
                _writer = member;
                Log.LeaderFound(logger, member.ToString());
            }
        }
    }

    /// <summary>The leader the cluster named, added when it is not one of the members given.</summary>
    public Neo4jMember Add(Uri root)
    {
        lock (_lock)
        {
            var known = _members.Find(m => m.Root == root);
            if (known is not null)
            {
                return known;
            }

            var member = new Neo4jMember(root);
            _members.Add(member);
            Log.MemberAdded(logger, member.ToString());
            return member;
        }
    }

    /// <summary>A request to <paramref name="member"/> failed: forget it as the leader when the failure says it may no longer be.</summary>
    public void Failed(Neo4jMember member, Neo4jException failure)
    {
        var unreachable = failure.Code is null && failure.IsTransient;
        if (unreachable)
        {
            member.MarkDown(DownTime);
            Log.MemberDown(logger, member.ToString(), DownTime.TotalSeconds, failure);
        }

        if (!IsCluster || !(unreachable || Neo4jException.MeansNotWriter(failure.Code)))
        {
            return;
        }

        lock (_lock)
        {
            if (_writer == member)
            {
                _writer = null;
                Log.LeaderLost(logger, member.ToString(), failure.Code ?? "unreachable");
            }
        }
    }
}
