using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Depc.Delivery.Tests.Support;
using Depc.Testing.Processes;
using Xunit.Abstractions;

namespace Depc.Delivery.Tests.Scale;

/// <summary>
/// Issue 13's scale-out test: three <c>depc serve</c> in one consumer group on one real Neo4j and the mock Kafka
/// cluster share one state. A team created through the first works with its token on the others; a stream over 16
/// partitions is split among the three; one is killed with SIGKILL mid-stream and the others take its partitions; the
/// graph, the exact counts and the rejection feed are then the same through every instance and equal to a run of the
/// same stream by a single instance. A teams file of an earlier Depc next to the first instance is copied into Neo4j.
/// </summary>
[Collection(DeliveryTests.Name)]
public sealed class ScaleOutTests(KafkaCluster kafka, ITestOutputHelper output) : OwnNeo4j
{
    private const int Partitions = 16;

    // As the README advises for production: a killed instance's open transaction (its locks on positions and counts)
    // is rolled back after 5 s instead of Neo4j's default 60 s, so the others take over its partitions at once.
    protected override IReadOnlyList<string> Settings => ["dbms.rest.transaction.idle_timeout=5s"];

    [Fact]
    public async Task Three_instances_share_teams_split_partitions_take_over_a_killed_one_and_agree_with_a_single_instance()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var (team, single) = ("scale-" + id, "single-" + id);
        kafka.Cluster.CreateTopic("depc." + team, Partitions);
        kafka.Cluster.CreateTopic("depc." + single, Partitions);

        // 32 services over 16 partitions, 30 ticks: 960 messages with every outcome.
        var stream = TopologyStream.Generate(Partitions, services: 32, ticks: 30, seed: 13);
        var folder = Directory.CreateTempSubdirectory("depc-scale-").FullName;
        var clock = Stopwatch.StartNew();
        var instances = new List<DepcInstance>();
        try
        {
            // The first instance's folder holds a teams file of an earlier Depc (Depc:TeamsDatabase, default depc-teams.db).
            var legacy = "legacy-" + id;
            Directory.CreateDirectory(Path.Combine(folder, "depc-1"));
            var created = (await DepcCommand.RunAsync(Path.Combine(folder, "depc-1"), ["team", "create", legacy, "--store", "sqlite:depc-teams.db"])).OutputOfSuccess();
            var legacyToken = JsonNode.Parse(created)!["token"]!.GetValue<string>();

            // Started together; those that did start are stopped below even when another failed to.
            var starting = Enumerable.Range(1, 3).Select(n => StartAsync(folder, $"depc-{n}", team)).ToList();
            try
            {
                await Task.WhenAll(starting);
            }
            finally
            {
                instances.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
            }

            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  three instances ready");

            // A team created through the first works with its token on every instance.
            var token = await CreateTeamAsync(instances[0], team);
            foreach (var instance in instances)
            {
                Assert.Equal(team, await WhoAsync(instance, token));

                // The earlier file's team was copied into Neo4j by the first instance: its token works everywhere.
                Assert.Equal(legacy, await WhoAsync(instance, legacyToken));
            }

            // depc team on the same Neo4j sees both, from any machine.
            var listed = (await DepcCommand.RunAsync(folder, ["team", "list", "--store", Neo4j.StoreSpec])).OutputOfSuccess();
            Assert.Contains($"\"{team}\"", listed, StringComparison.Ordinal);
            Assert.Contains($"\"{legacy}\"", listed, StringComparison.Ordinal);

            using var producer = new StreamProducer(kafka.BootstrapServers);
            var half = stream.Count / 2;
            await producer.ProduceAsync("depc." + team, stream.Take(half));

            // The 16 partitions are split among the three, and each has written some of them.
            var split = await WaitStatusAsync(
                instances[0],
                s => Owners(s).Count == Partitions && Owners(s).Values.Distinct().Count() == 3 && s["instances"]!.AsArray().All(i => i!["last_write_at"] is not null),
                "16 partitions held by 3 instances that all wrote");
            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  split: {Describe(split)}");

            // The rest comes in chunks while the third instance is killed with SIGKILL.
            var victim = instances[2];
            var chunks = stream.Skip(half).Chunk((stream.Count - half + 9) / 10).ToList();
            for (var c = 0; c < chunks.Count; c++)
            {
                await producer.ProduceAsync("depc." + team, chunks[c]);
                if (c == 2)
                {
                    await victim.Server.KillAsync();
                    output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  depc-3 killed (SIGKILL) mid-stream");
                }

                await Task.Delay(300);
            }

            await instances[0].WaitReceivedAsync(stream.Count, TimeSpan.FromSeconds(60));
            var survivors = await WaitStatusAsync(
                instances[1],
                s => Owners(s).Count == Partitions && !Owners(s).ContainsValue("depc-3") && Ids(s).SequenceEqual(["depc-1", "depc-2"]),
                "the two survivors alone, holding all 16 partitions");
            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  drained {stream.Count}; after the kill: {Describe(survivors)}");

            // The reference: one instance alone on the same stream, and the killed one back so every instance answers.
            var reference = await StartAsync(folder, "depc-single", single);
            instances.Add(reference);
            await Task.WhenAll(victim.Server.StartAgainAsync(), producer.ProduceAsync("depc." + single, stream));
            await reference.WaitReceivedAsync(stream.Count, TimeSpan.FromSeconds(60));
            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  single instance drained {stream.Count}");

            var expected = await ApiGraph.CountsAsync(reference.Admin, single);
            Assert.Equal(stream.Count, expected.Received);
            Assert.True(expected.Rejected > 0 && expected.Duplicates > 0 && expected.Accepted > 0, $"the stream exercises every outcome: {expected}");
            var expectedGraph = await ApiGraph.DumpAsync(reference.Admin, single);
            var expectedFeed = Feed(await ApiGraph.RejectionsAsync(reference.Admin, single), single);
            Assert.Equal(expected.Rejected, expectedFeed.Count);
            foreach (var instance in instances.Take(3))
            {
                Assert.Equal(expected, await instance.CountsAsync());
                Assert.Equal(expectedGraph, await instance.GraphAsync());
                Assert.Equal(expectedFeed, Feed(await ApiGraph.RejectionsAsync(instance.Admin, team), team));
            }

            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  graph, counts {expected} and {expectedFeed.Count} feed entries equal through every instance and the single run");
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    private Task<DepcInstance> StartAsync(string folder, string name, string team) => DepcInstance.StartAsync(
        Path.Combine(folder, name),
        Neo4j.StoreSpec,
        kafka.BootstrapServers,
        team,
        "g-" + team,
        new Dictionary<string, string?>
        {
            ["Depc__InstanceId"] = name,
            ["Depc__InstanceBeatInterval"] = "00:00:01",
            ["DEPC_KAFKA__MAXBATCHMESSAGES"] = "50",
            ["DEPC_KAFKA__MAXWRITEMESSAGES"] = "200",
        });

    private static async Task<string> WhoAsync(DepcInstance instance, string token)
    {
        using var client = instance.Server.Client(token);
        var caller = await client.GetFromJsonAsync<JsonObject>("/v1/whoami");
        return caller!["team"]!.GetValue<string>();
    }

    private static async Task<string> CreateTeamAsync(DepcInstance instance, string team)
    {
        using var answer = await instance.Admin.PostAsJsonAsync("/v1/teams", new { name = team });
        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        return (await answer.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
    }

    private static async Task<JsonNode> WaitStatusAsync(DepcInstance instance, Func<JsonNode, bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        JsonNode status;
        do
        {
            status = await ApiGraph.ServiceStatusAsync(instance.Admin);
            if (condition(status))
            {
                return status;
            }

            await Task.Delay(250);
        }
        while (clock.Elapsed < TimeSpan.FromSeconds(45));

        throw new TimeoutException($"/v1/status never showed {what}: {status.ToJsonString()}\n{DepcInstance.Tail(instance.Server.Log)}");
    }

    private static Dictionary<int, string> Owners(JsonNode status) =>
        status["partitions"]!.AsArray().ToDictionary(p => p!["partition"]!.GetValue<int>(), p => p!["owner"]!.GetValue<string>());

    private static List<string> Ids(JsonNode status) => [.. status["instances"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal)];

    private static string Describe(JsonNode status) =>
        string.Join(", ", Owners(status).GroupBy(o => o.Value).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}: {g.Count()} partitions"));

    // The feed without what differs between two runs of the same stream: the write time, the topic's name, and the
    // order of entries from different partitions (each write takes what the partitions hold at that moment).
    private static List<string> Feed(JsonArray entries, string team) =>
        [.. entries.Select(e => string.Join(
                " | ",
                e!["source"]!.GetValue<string>(),
                e["origin"]!.GetValue<string>().Replace("depc." + team, "TOPIC", StringComparison.Ordinal),
                e["reason"]!.GetValue<string>(),
                e["payload"]!.GetValue<string>()))
            .Order(StringComparer.Ordinal)];
}
