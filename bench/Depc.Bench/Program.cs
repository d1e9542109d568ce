using System.Globalization;
using Depc.Bench;
using Depc.Bench.Http;
using Depc.Bench.Kafka;
using Depc.Bench.Neo4j;

// depc-bench [all|decode|ingest|impacted|diff|kafka|neo4j|http|corpus] [--messages N] [--tree-nodes N] [--diff-relationships N]
//            [--neo4j-messages N] [--neo4j-tree-nodes N] [--depc PATH] [--out FILE]
// "all" runs every benchmark; neo4j starts its own Neo4j server (Java 17 and npm needed).
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

if (what is "all" or "decode")
{
    DecodeBench.Run(messages, output);
}

if (what is "all" or "ingest")
{
    Settle();
    IngestBench.Run(messages, depc, output);
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
    await KafkaBench.RunAsync(messages, output);
}

if (what is "all" or "neo4j")
{
    Settle();
    await Neo4jBench.RunAsync(null, IntArg("--neo4j-messages", 30_000), 10_000, IntArg("--neo4j-tree-nodes", 100_000), output);
}

if (what is "all" or "http")
{
    Settle();
    await HttpBench.RunAsync(output);
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

string StringArg(string name, string fallback) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
