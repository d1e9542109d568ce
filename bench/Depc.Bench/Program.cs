using System.Globalization;
using Depc.Bench;
using Depc.Bench.Attack;
using Depc.Bench.Http;
using Depc.Bench.Kafka;
using Depc.Bench.Neo4j;
using Depc.Bench.Scale;

// depc-bench [all|decode|ingest|impacted|diff|kafka|recovery|neo4j|http|attack|corpus|curve|startup] [--messages N] [--tree-nodes N]
//   [--neo4j-messages N] [--diff-relationships N] [--depc PATH] [--out FILE] [--baseline PATH] [--points N,N,…] [--data DIR] [--rounds N]
//   kafka: [--rounds N]   (raw consume and end to end in turns; the median of the rounds' ratios)
//   ingest: [--baseline-depc PATH] [--rounds N]   (another build's depc in turns with this one; the ratio of the best times)
//   neo4j: [--neo4j-messages N] [--neo4j-tree-nodes N] [--rounds N] [--neo4j STORE-SPEC] [--baseline-depc PATH]
// "all" runs every benchmark but curve and startup (minutes, and a baseline build to compare with); neo4j starts its
// own Neo4j server (Java 17 and npm needed).
var what = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
var messages = IntArg("--messages", 1_000_000);
var treeNodes = IntArg("--tree-nodes", 1_000_000);
var depc = StringArg("--depc", Path.Combine(AppContext.BaseDirectory, "depc"));
var output = Console.Out;
output.WriteLine($"Depc benchmarks, {Environment.ProcessorCount} cores, {DateTimeOffset.UtcNow:u}");

if (what is "corpus")
{
    Corpus.WriteFile(StringArg("--out", "corpus.ndjson"), messages);
    return;
}

if (what is "curve")
{
    var points = StringArg("--points", "1000000,3000000,10000000").Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList();
    await CurveBench.RunAsync(points, depc, OptionalArg("--baseline"), OptionalArg("--data"), output);
    return;
}

if (what is "startup")
{
    var baseline = OptionalArg("--baseline") ?? throw new ArgumentException("startup compares with a baseline build: --baseline PATH (its depc apphost)");
    StartupBench.Run(IntArg("--messages", 200_000), IntArg("--rounds", 5), depc, baseline, output);
    return;
}

if (what is "all" or "decode")
{
    DecodeBench.Run(messages, output);
}

if (what is "all" or "ingest")
{
    Settle();
    IngestBench.Run(messages, depc, OptionalArg("--baseline-depc"), IntArg("--rounds", 3), output);
}

if (what is "all" or "impacted")
{
    Settle();
    await ImpactBench.RunAsync(treeNodes, output);
}

if (what is "all" or "diff")
{
    Settle();
    await DiffBench.RunAsync(IntArg("--diff-relationships", 1_000_000), output);
}

if (what is "all" or "kafka")
{
    Settle();
    await KafkaBench.RunAsync(messages, IntArg("--rounds", 3), output);
}

if (what is "all" or "recovery")
{
    Settle();
    await RecoveryBench.RunAsync(output);
}

if (what is "all" or "neo4j")
{
    Settle();
    await Neo4jBench.RunAsync(
        args.Contains("--neo4j") ? StringArg("--neo4j", "") : null, IntArg("--neo4j-messages", 30_000), IntArg("--rounds", 3), depc,
        args.Contains("--baseline-depc") ? StringArg("--baseline-depc", "") : null, IntArg("--neo4j-tree-nodes", 100_000), output);
}

if (what is "all" or "http")
{
    Settle();
    await HttpBench.RunAsync(output);
}

if (what is "all" or "attack")
{
    Settle();
    await AttackBench.RunAsync(output);
}

// In "all", each benchmark starts without the garbage of the one before (the impacted tree leaves ~1 GB):
// otherwise the next one measures that heap's collections, not its own work.
static void Settle()
{
    GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    GC.WaitForPendingFinalizers();
}

int IntArg(string name, int fallback) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;

string StringArg(string name, string fallback) => OptionalArg(name) ?? fallback;

string? OptionalArg(string name) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
