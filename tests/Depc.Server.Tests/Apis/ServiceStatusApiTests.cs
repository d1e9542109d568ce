using System.Net;
using System.Text.Json.Nodes;
using Depc.Core.Storage;
using Depc.Server.Tests.Support;

namespace Depc.Server.Tests.Apis;

/// <summary><c>GET /v1/status</c> (admin) lists the live instances on the store and each partition's owner, from the beats they write.</summary>
public sealed class ServiceStatusApiTests(DepcAppFactory app) : IClassFixture<DepcAppFactory>
{
    [Fact]
    public async Task Live_instances_and_each_partitions_owner_come_from_the_beats_in_the_store()
    {
        using var admin = app.Admin();
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();

        // Another live instance, one that held partition 1 until a moment ago, and one silent for an hour.
        await app.Store.WriteInstanceAsync(new InstanceBeat("live-a", "host-a", [new HeldPartition("depc.x", 0, 4), new HeldPartition("depc.x", 1, 9)], now - 2, now - 1), TimeSpan.FromDays(1), default);
        await app.Store.WriteInstanceAsync(new InstanceBeat("live-b", "host-b", [new HeldPartition("depc.x", 1, 3)], null, now), TimeSpan.FromDays(1), default);
        await app.Store.WriteInstanceAsync(new InstanceBeat("gone", "host-c", [new HeldPartition("depc.x", 2, 0)], null, now - 3600), TimeSpan.FromDays(1), default);

        var status = await WaitAsync(admin, s => s["instances"]!.AsArray().Count == 3);

        // This server's own beat is there too (no Kafka: no partitions), written at start.
        var ids = status["instances"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToList();
        Assert.Contains("live-a", ids);
        Assert.Contains("live-b", ids);
        Assert.DoesNotContain("gone", ids);
        var own = status["instances"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() is not ("live-a" or "live-b"));
        Assert.Equal(Environment.MachineName, own!["host"]!.GetValue<string>());
        Assert.Empty(own["partitions"]!.AsArray());
        Json.Equal(
            Json.Of(new[]
            {
                new { topic = "depc.x", partition = 0, owner = "live-a", lag = 4 },
                new { topic = "depc.x", partition = 1, owner = "live-b", lag = 3 },
            }),
            status["partitions"]!);
        var a = status["instances"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == "live-a")!;
        Assert.Equal((now - 2, now - 1), (a["last_write_at"]!.GetValue<long>(), a["last_seen_at"]!.GetValue<long>()));
    }

    [Fact]
    public async Task A_team_token_may_not_read_it()
    {
        var (_, token) = await app.CreateTeamAsync();
        using var client = app.ClientWith(token);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/v1/status")).StatusCode);
    }

    private static async Task<JsonNode> WaitAsync(HttpClient admin, Func<JsonNode, bool> condition)
    {
        for (var attempt = 0; ; attempt++)
        {
            var status = (await Json.ReadAsync(await admin.GetAsync("/v1/status")))!;
            if (condition(status) || attempt == 50)
            {
                return status;
            }

            await Task.Delay(100);
        }
    }
}
