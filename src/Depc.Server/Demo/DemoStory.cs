using System.Globalization;

namespace Depc.Server.Demo;

/// <summary>
/// Writes the history of the demo's links: each link is a list of moments, strictly increasing, that open and close
/// it in turn (an odd count leaves it open). Pure: a seeded <see cref="Random"/> and the moment <c>now</c>.
/// </summary>
internal sealed class DemoStory(long start, long now, Random random)
{
    private const long Day = 86_400;
    private const long Hour = 3_600;

    private readonly List<(long At, int Order, string Json)> _messages = [];
    private readonly Dictionary<string, List<DemoNode>> _servers = [];
    private readonly Dictionary<string, (DemoNode Old, DemoNode New, long At)> _migrations = [];

    public Random Random => random;

    /// <summary>Open since some time before the weeks shown, never closed.</summary>
    public long[] LongLived() => [Minute(start - ((30 + random.Next(400)) * Day) - random.Next((int)Day))];

    /// <summary>
    /// Usually <see cref="LongLived"/>; with probability <paramref name="changes"/> it closed during the weeks shown and
    /// then either reopened (half the time), closed and reopened twice (a quarter), or stayed closed (a quarter).
    /// </summary>
    public long[] Flapping(double changes)
    {
        var since = LongLived()[0];
        if (random.NextDouble() >= changes)
        {
            return [since];
        }

        var close = InWindow(0.05, 0.75);
        var reopen = close + Minute((2 * Hour) + random.Next((int)(4 * Day)));
        return random.Next(4) switch
        {
            0 => [since, close],
            1 => Clean([since, close, reopen, reopen + Minute(Day + random.Next((int)(3 * Day))), reopen + (5 * Day)]),
            _ => Clean([since, close, reopen]),
        };
    }

    /// <summary>A failover: the moment a link closes and the moment it comes back, one to four days later.</summary>
    public (long Outage, long Back) Outage()
    {
        var outage = InWindow(0.3, 0.6);
        return (outage, outage + Minute(Day + random.Next((int)(3 * Day))));
    }

    /// <summary>A moment between the fractions <paramref name="from"/> and <paramref name="to"/> of the weeks shown.</summary>
    public long InWindow(double from, double to) => Minute(start + (long)((from + ((to - from) * random.NextDouble())) * (now - start)));

    public void Server(string datacenter, DemoNode server, DemoNode rack)
    {
        Link(server, rack, LongLived());
        if (!_servers.TryGetValue(datacenter, out var servers))
        {
            _servers[datacenter] = servers = [];
        }

        servers.Add(server);
    }

    /// <summary>A server retired in a datacenter two days after its replacement arrived (in another rack).</summary>
    public void Migration(string datacenter, DemoNode oldServer, DemoNode oldRack, DemoNode newServer, DemoNode newRack)
    {
        var arrived = InWindow(0.3, 0.5);
        var retired = arrived + (2 * Day);
        var old = oldServer with { To = retired };
        var replacement = newServer with { From = arrived };
        Link(old, oldRack, [LongLived()[0], retired]);
        Link(replacement, newRack, [arrived + Hour]);
        _migrations[datacenter] = (old, replacement, retired);
    }

    /// <summary>Moves a cluster from the retired server of its datacenter to the replacement, an hour before the retirement.</summary>
    public void Migrate(DemoNode cluster, string datacenter)
    {
        var (old, replacement, retired) = _migrations[datacenter];
        Link(cluster, old, [LongLived()[0], retired - Hour]);
        Link(cluster, replacement, [retired - Hour + 600]);
    }

    /// <summary>The servers of a datacenter that live through the weeks shown.</summary>
    public IReadOnlyList<DemoNode> Servers(string datacenter) => _servers[datacenter];

    /// <summary>The messages of a link: the first opens it (and closes it when a second moment follows), then one per reopening.</summary>
    public void Link(DemoNode source, DemoNode target, long[] moments)
    {
        for (var i = 0; i < moments.Length; i += 2)
        {
            var rel = i + 1 < moments.Length
                ? string.Create(CultureInfo.InvariantCulture, $$"""{"from":{{moments[i]}},"to":{{moments[i + 1]}}}""")
                : string.Create(CultureInfo.InvariantCulture, $$"""{"from":{{moments[i]}}}""");
            _messages.Add((moments[i], _messages.Count, $$"""{"source":{{source.Json()}},"target":{{target.Json()}},"rel":{{rel}}}"""));
        }
    }

    /// <summary>Every message, in the order of the moments they tell (a link's own messages stay in their order).</summary>
    public IReadOnlyList<string> Messages() => [.. _messages.OrderBy(m => m.At).ThenBy(m => m.Order).Select(m => m.Json)];

    private static long Minute(long unixSeconds) => unixSeconds - (unixSeconds % 60);

    // Keeps the moments that are increasing and past: a late reopening that would fall after now is left out.
    private long[] Clean(long[] moments)
    {
        var kept = 1;
        while (kept < moments.Length && moments[kept] > moments[kept - 1] && moments[kept] <= now - 60)
        {
            kept++;
        }

        return moments[..kept];
    }
}
