namespace Depc.Server.Demo;

/// <summary>
/// The example infrastructure of <c>depc serve --demo</c>: datacenters, racks, servers, clusters, services and
/// websites (a few hundred nodes) whose links open, close and reopen over the weeks before <c>now</c>, so the day
/// picker, the impact panel and time travel have something real to show. Pure and deterministic: the same
/// <c>now</c> gives the same messages, in the order a producer would have sent them over those weeks.
/// </summary>
internal static class DemoInfrastructure
{
    public const string Team = "demo";

    /// <summary>How far back the story of the links goes (the links' changes all fall in these weeks).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(42);

    private const long Hour = 3_600;

    private static readonly string[] Datacenters = ["gra1", "rbx2", "sbg3"];

    private static readonly string[] Domains =
    [
        "shop", "news", "travel", "bank", "games", "music", "photos", "maps", "mail", "docs",
        "video", "jobs", "health", "school", "market", "cars", "food", "weather", "sports", "books",
    ];

    private static readonly string[] Subdomains = ["www", "m", "api", "admin"];

    private static readonly string[] Products =
    [
        "checkout", "payments", "catalog", "search", "auth", "accounts", "orders", "inventory", "shipping", "pricing",
        "recommendations", "reviews", "notifications", "emails", "billing", "invoices", "ledger", "fraud", "analytics", "reporting",
        "media", "uploads", "thumbnails", "sessions", "carts", "coupons", "loyalty", "support", "chat", "feeds",
    ];

    /// <summary>The messages, one JSON object each, every timestamp at or before <paramref name="now"/> (Unix seconds).</summary>
    public static IReadOnlyList<string> Messages(long now)
    {
        var story = new DemoStory(now - (long)Window.TotalSeconds, now, new Random(15));
        AddHardware(story);
        var clusters = AddClusters(story);
        var services = AddServices(story, clusters);
        AddWebsites(story, services);
        return story.Messages();
    }

    private static void AddHardware(DemoStory story)
    {
        foreach (var dc in Datacenters)
        {
            var datacenter = new DemoNode("Datacenter", dc);
            var racks = new List<DemoNode>();
            for (var r = 1; r <= 4; r++)
            {
                var rack = new DemoNode("Rack", $"{dc}-r{r:00}");
                racks.Add(rack);
                story.Link(rack, datacenter, story.LongLived());
                for (var s = 1; s <= 10; s++)
                {
                    story.Server(dc, Server(dc, r, s), rack);
                }
            }

            // One server of the first rack is replaced by an eleventh in the last rack during the weeks shown.
            story.Migration(dc, Server(dc, 1, 11), racks[0], Server(dc, 4, 11), racks[3]);
        }
    }

    private static DemoNode Server(string datacenter, int rack, int index) => new("Server", $"srv-{datacenter}-r{rack:00}-{index:00}");

    private static List<DemoNode> AddClusters(DemoStory story)
    {
        var clusters = new List<DemoNode>();
        foreach (var dc in Datacenters)
        {
            foreach (var kind in new[] { "k8s-a", "k8s-b", "db", "cache" })
            {
                var cluster = new DemoNode("Cluster", $"{kind}.{dc}");
                clusters.Add(cluster);
                var servers = story.Servers(dc);
                var first = story.Random.Next(servers.Count);
                if (kind == "k8s-a")
                {
                    story.Migrate(cluster, dc);
                }

                for (var i = 0; i < 6; i++)
                {
                    story.Link(cluster, servers[(first + (i * 3)) % servers.Count], story.Flapping(0.2));
                }
            }
        }

        return clusters;
    }

    private static List<DemoNode> AddServices(DemoStory story, List<DemoNode> clusters)
    {
        var services = new List<DemoNode>();
        for (var p = 0; p < Products.Length; p++)
        {
            var home = Datacenters[p % Datacenters.Length];
            var other = Datacenters[(p + 1) % Datacenters.Length];
            var api = new DemoNode("Service", Products[p] + "-api");
            var worker = new DemoNode("Service", Products[p] + "-worker");
            services.Add(api);
            services.Add(worker);

            // A failover for one service in five: its home cluster link closes, another datacenter takes over, then it comes home.
            if (p % 5 == 2)
            {
                var (outage, back) = story.Outage();
                story.Link(api, Cluster(clusters, "k8s-a", home), [story.LongLived()[0], outage, back]);
                story.Link(api, Cluster(clusters, "k8s-a", other), [outage + 300, back + 600]);
            }
            else
            {
                story.Link(api, Cluster(clusters, p % 2 == 0 ? "k8s-a" : "k8s-b", home), story.Flapping(0.15));
            }

            story.Link(worker, Cluster(clusters, "k8s-b", home), story.Flapping(0.15));
            story.Link(api, Cluster(clusters, "db", home), story.Flapping(0.1));
            story.Link(worker, api, story.LongLived());
            if (p % 3 == 0)
            {
                story.Link(api, Cluster(clusters, "cache", home), story.Flapping(0.25));
            }

            // An api calls a few of the apis built before it (the graph stays acyclic).
            foreach (var callee in Enumerable.Range(0, Math.Min(p, 2)).Select(_ => story.Random.Next(p)).Distinct())
            {
                story.Link(api, services[2 * callee], story.Flapping(0.1));
            }
        }

        return services;
    }

    private static void AddWebsites(DemoStory story, List<DemoNode> services)
    {
        for (var d = 0; d < Domains.Length; d++)
        {
            foreach (var sub in Subdomains)
            {
                var site = new DemoNode("Website", $"{sub}.{Domains[d]}.example");
                if (d % 7 == 3 && sub == "m")
                {
                    // A site launched during the weeks shown: absent before its first day.
                    var launch = story.InWindow(0.3, 0.7);
                    site = site with { From = launch };
                    story.Link(site, services[2 * (d % Products.Length)], [launch + Hour]);
                    continue;
                }

                var count = 1 + story.Random.Next(3);
                for (var k = 0; k < count; k++)
                {
                    story.Link(site, services[2 * ((d + (k * 7)) % Products.Length)], story.Flapping(0.12));
                }
            }
        }
    }

    private static DemoNode Cluster(List<DemoNode> clusters, string kind, string datacenter) =>
        clusters.Find(c => c.Name == $"{kind}.{datacenter}")!;
}
