using System.Diagnostics;
using Xunit.Abstractions;

namespace Depc.Delivery.Tests.Support;

/// <summary>
/// The crash test of issue 11: the same stream is produced, bit by bit over the whole campaign, to two teams' topics;
/// one <c>depc serve</c> is never killed, the other is killed with SIGKILL at random moments while it consumes (each
/// round waits until the restarted server writes again, then kills it after a random delay: mid-write, between a
/// write and Kafka's commit, mid-backlog) and restarted at once. Small batches make a backlog many writes. After the
/// last restart both drain; the killed run's graph and team counts, read through the public API, must equal the clean run's.
/// </summary>
internal sealed class KillCampaign(KafkaCluster kafka, ITestOutputHelper output)
{
    public async Task RunAsync(Func<string, string, string> storeOf, int kills, int partitions, int services, int ticks, int seed)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var (cleanTeam, killedTeam) = ("clean-" + id, "killed-" + id);
        kafka.Cluster.CreateTopic("depc." + cleanTeam, partitions);
        kafka.Cluster.CreateTopic("depc." + killedTeam, partitions);
        var stream = TopologyStream.Generate(partitions, services, ticks, seed);
        var folder = Directory.CreateTempSubdirectory("depc-kill-").FullName;
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        try
        {
            var small = new Dictionary<string, string?> { ["DEPC_KAFKA__MAXBATCHMESSAGES"] = "50", ["DEPC_KAFKA__MAXWRITEMESSAGES"] = "200" };
            await using var clean = await DepcInstance.StartAsync(Path.Combine(folder, "clean"), storeOf(folder, cleanTeam), kafka.BootstrapServers, cleanTeam, "g-" + cleanTeam, small);
            await using var killed = await DepcInstance.StartAsync(Path.Combine(folder, "killed"), storeOf(folder, killedTeam), kafka.BootstrapServers, killedTeam, "g-" + killedTeam, small);
            using var producer = new StreamProducer(kafka.BootstrapServers);
            var produced = 0;
            using var rounds = new SemaphoreSlim(0);
            var producing = Task.Run(async () =>
            {
                // A slice a round, as ten chunks half a second apart: each round has messages coming in while it runs.
                var chunk = (stream.Count + (kills * 10) - 1) / (kills * 10);
                for (var at = 0; at < stream.Count; at += chunk)
                {
                    if (at % (chunk * 10) == 0)
                    {
                        await rounds.WaitAsync();
                    }

                    var part = stream.Skip(at).Take(chunk).ToList();
                    await producer.ProduceAsync("depc." + cleanTeam, part);
                    await producer.ProduceAsync("depc." + killedTeam, part);
                    Volatile.Write(ref produced, at + part.Count);
                    await Task.Delay(500);
                }
            });

            var resumed = 0;
            for (var round = 0; round < kills; round++)
            {
                rounds.Release();
                // A random moment while it writes: once it wrote after its restart, up to 0.8 s later.
                var before = (await killed.CountsAsync()).Received;
                resumed += await killed.WaitProgressAsync(before, TimeSpan.FromSeconds(30)) ? 1 : 0;
                await Task.Delay(random.Next(0, 800));
                await killed.Server.KillAsync();
                var at = (await clean.CountsAsync()).Received;
                output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  kill {round + 1}/{kills}: SIGKILL after a write ({Volatile.Read(ref produced)} produced, the clean run at {at})");
                await killed.Server.StartAgainAsync();
            }

            await producing;

            await clean.WaitReceivedAsync(stream.Count, TimeSpan.FromMinutes(3));
            await killed.WaitReceivedAsync(stream.Count, TimeSpan.FromMinutes(3));
            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  both drained {stream.Count} messages; {resumed} of {kills} kills came after a write of their run");

            var expected = await clean.CountsAsync();
            Assert.Equal(stream.Count, expected.Received);
            Assert.True(expected.Rejected > 0 && expected.Duplicates > 0 && expected.Accepted > 0, $"the stream exercises every outcome: {expected}");
            Assert.Equal(expected, await killed.CountsAsync());
            Assert.Equal(await clean.GraphAsync(), await killed.GraphAsync());
            Assert.Equal(kills + 1, killed.Server.Starts);
            Assert.True(resumed >= kills / 2, $"only {resumed} of {kills} kills came while the server was writing");

            // Nothing more trickles in later (a replay applied twice would show here).
            await Task.Delay(1_000);
            Assert.Equal(expected, await killed.CountsAsync());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
