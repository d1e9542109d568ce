using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Depc.Delivery.Tests.Support;
using Depc.Testing.Faults;
using Xunit.Abstractions;

namespace Depc.Delivery.Tests.Faults;

[Collection(DeliveryTests.Name)]
public sealed class ReadOnlyStoreTests(KafkaCluster kafka, ITestOutputHelper output)
{
    [Fact]
    public async Task A_read_only_SQLite_file_pauses_consumption_and_rejects_nothing_then_everything_is_applied_once_it_is_writable()
    {
        var team = "ro-" + Guid.NewGuid().ToString("N")[..8];
        kafka.Cluster.CreateTopic("depc." + team, 3);
        var folder = Directory.CreateTempSubdirectory("depc-readonly-").FullName;
        var database = Path.Combine(folder, "graph.db");
        using var producer = new StreamProducer(kafka.BootstrapServers);
        try
        {
            await using var depc = await DepcInstance.StartAsync(folder, "sqlite:" + database, kafka.BootstrapServers, team, "g-" + team);
            var token = await CreateTeamAsync(depc, team);
            await producer.ProduceAsync("depc." + team, Messages(0, 60));
            await depc.WaitReceivedAsync(60, TimeSpan.FromSeconds(60));
            Assert.Equal(0, await depc.Server.StopAsync());

            using (ReadOnlyFile.Make(database))
            {
                await depc.Server.StartAgainAsync();
                await producer.ProduceAsync("depc." + team, Messages(60, 60));
                using var client = depc.Server.Client(token);

                // Paused: nothing written, nothing rejected, readiness says why; the HTTP path answers 503.
                for (var i = 0; i < 8; i++)
                {
                    await Task.Delay(500);
                    Assert.Equal((60L, 60L, 0L, 0L), await depc.CountsAsync());
                }

                using var ready = await depc.Admin.GetAsync("/health/ready");
                Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
                using var refused = await PostAsync(client, team, "k-1", Messages(500, 3));
                Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
                Assert.NotNull(refused.Headers.RetryAfter);
                Assert.Empty(await ApiGraph.RejectionsAsync(depc.Admin, team));
                Assert.Contains("store-wide failure no message caused", depc.Server.Log, StringComparison.Ordinal);
            }

            // Writable again: the batch that waited is written, once; the client's retry with its key is applied once.
            await depc.WaitReceivedAsync(120, TimeSpan.FromSeconds(60));
            using (var client = depc.Server.Client(token))
            {
                using var first = await PostAsync(client, team, "k-1", Messages(500, 3));
                using var repeat = await PostAsync(client, team, "k-1", Messages(500, 3));
                Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, repeat.StatusCode));
                Assert.Equal(await first.Content.ReadAsStringAsync(), await repeat.Content.ReadAsStringAsync());
                Assert.Equal("true", Assert.Single(repeat.Headers.GetValues("Idempotent-Replayed")));
            }

            Assert.Equal((123L, 123L, 0L, 0L), await depc.CountsAsync());
            Assert.Equal(123, (await depc.GraphAsync()).Split('\n').Count(l => l.StartsWith("  n", StringComparison.Ordinal)));
            await depc.Server.WaitUntilAsync("/health/ready", TimeSpan.FromSeconds(30));
            Assert.Empty(await ApiGraph.RejectionsAsync(depc.Admin, team));
            output.WriteLine(DepcInstance.Tail(depc.Server.Log));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> CreateTeamAsync(DepcInstance depc, string team)
    {
        using var created = await depc.Admin.PostAsJsonAsync("/v1/teams", new { name = team });
        created.EnsureSuccessStatusCode();
        return JsonNode.Parse(await created.Content.ReadAsStringAsync())!["token"]!.GetValue<string>();
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string team, string key, IEnumerable<StreamMessage> messages)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/teams/{team}/messages")
        {
            Content = new StringContent(string.Join('\n', messages.Select(m => m.Json)), Encoding.UTF8, "application/x-ndjson"),
        };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private static IEnumerable<StreamMessage> Messages(int first, int count) =>
        Enumerable.Range(first, count).Select(i => new StreamMessage(i % 3, $$$"""{"source": {"label": "Server", "name": "n{{{i}}}"}}""", TopologyStream.Start.AddSeconds(i)));
}
