namespace Depc.Web.Tests.Support;

/// <summary>
/// The seeded graph. <c>checkout</c> depends on <c>orders-db</c> only in the first half of 2024 (a link that
/// turns inactive when the day moves past June) and on <c>payments</c> since 2023; <c>payments</c>, 25 workers
/// and <c>legacy</c> (only in early 2023) depend on <c>ledger</c>; <c>web/front</c> (a name with a slash)
/// depends on <c>checkout</c>. One message is invalid, so the team has a rejection.
/// </summary>
public static class WebGraph
{
    public const string DayBothActive = "2024-03-01";
    public const string DayOrdersDbInactive = "2024-09-01";

    /// <summary>2024-03-01T12:00:00Z: the moment of the failure asked in the impacted panel.</summary>
    public const string ImpactMoment = "2024-03-01T12:00";

    public const int Workers = 25;

    public const string InvalidMessage = """{"source":{"label":"bad label!","name":"x"}}""";

    private const long Start2023 = 1_672_531_200;
    private const long June2023 = 1_685_577_600;
    private const long Start2024 = 1_704_067_200;
    private const long End2024H1 = 1_719_705_600;

    // An explicit start: a link without `rel` would start at ingestion time, after the days the tests look at.
    private static readonly string Since2023 = $$"""{"from":{{Start2023}}}""";

    /// <summary>Every Service impacted when <c>ledger</c> fails at <see cref="ImpactMoment"/>, active ones first, each part by name.</summary>
    public static IReadOnlyList<(string Name, bool Active)> ServicesImpactedByLedger { get; } =
    [
        ("checkout", true), ("payments", true), ("web/front", true),
        .. Enumerable.Range(1, Workers).Select(i => (WorkerName(i), true)),
        ("legacy", false),
    ];

    public static IEnumerable<string> Messages()
    {
        yield return Link("Service", "checkout", "Database", "orders-db", $$"""{"from":{{Start2024}},"to":{{End2024H1}}}""");
        yield return Link("Service", "checkout", "Service", "payments", Since2023);
        yield return Link("Service", "payments", "Database", "ledger", Since2023);
        yield return Link("Service", "web/front", "Service", "checkout", Since2023);
        yield return Link("Service", "legacy", "Database", "ledger", $$"""{"from":{{Start2023}},"to":{{June2023}}}""");
        for (var i = 1; i <= Workers; i++)
        {
            yield return Link("Service", WorkerName(i), "Database", "ledger", Since2023);
        }

        yield return InvalidMessage;
    }

    public static string WorkerName(int i) => $"worker-{i:00}";

    private static string Link(string sourceLabel, string source, string targetLabel, string target, string rel) =>
        $$"""{"source":{"label":"{{sourceLabel}}","name":"{{source}}"},"target":{"label":"{{targetLabel}}","name":"{{target}}"},"rel":{{rel}}}""";
}
