using System.Globalization;
using Depc.Bench;

// depc-bench [all|decode|ingest|impacted|kafka|corpus] [--messages N] [--tree-nodes N] [--depc PATH] [--out FILE]
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
    IngestBench.Run(messages, depc, output);
}

if (what is "all" or "impacted")
{
    await ImpactBench.RunAsync(treeNodes, output);
}

int IntArg(string name, int fallback) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;

string StringArg(string name, string fallback) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
