using System.Net.Http.Headers;
using Depc.Testing.Attacks;

namespace Depc.Bench.Attack;

/// <summary>
/// Issue 12's figures: a real <c>depc serve</c> (SQLite) attacked by one team over HTTP while a second team posts small
/// batches; prints the second team's p50/p99 alone, during each attack and during a flood of 32 clients, and the
/// process's peak resident memory.
/// </summary>
internal static class AttackBench
{
    public static async Task RunAsync(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("== attack: a real depc serve (SQLite), one team attacking over HTTP while a second posts 10 messages every 50 ms ==");
        await using var service = await AttackedService.StartAsync();
        var victimToken = await service.CreateTeamAsync("victim");

        await MeasureAsync(service, victimToken, output, "quiet (no attack), 10 s", () => Task.Delay(TimeSpan.FromSeconds(10)));
        var attacker = await AttackerAsync(service, "periods");
        // Bodies are made before the second team starts: building them would pause this process, not the server.
        // In requests of Depc:MaxMessagesPerRequest (10,000): a larger one is refused whole.
        var periods = AttackPayloads.PeriodFlood(50_000).Concat(AttackPayloads.RefusedCloses(20_000)).Chunk(10_000).Select(AttackPayloads.Ndjson).ToList();
        await MeasureAsync(service, victimToken, output, "period flood (50,000 events on one relationship, then 20,000 refused)", async () =>
        {
            foreach (var body in periods)
            {
                await PostAsync(attacker, "attacker-periods", body);
            }
        });
        attacker = await AttackerAsync(service, "names");
        var names = AttackPayloads.Ndjson(AttackPayloads.LongNames(15, 1_000_000));
        await MeasureAsync(service, victimToken, output, "names of 1 MB (8 requests of 15)", async () =>
        {
            for (var i = 0; i < 8; i++)
            {
                await PostAsync(attacker, "attacker-names", names);
            }
        });
        attacker = await AttackerAsync(service, "labels");
        var labels = AttackPayloads.DistinctLabels(100_000).Chunk(10_000).Select(AttackPayloads.Ndjson).ToList();
        await MeasureAsync(service, victimToken, output, "100,000 distinct labels (10 requests)", async () =>
        {
            foreach (var body in labels)
            {
                await PostAsync(attacker, "attacker-labels", body);
            }
        });
        var floodToken = await service.CreateTeamAsync("attacker-flood");
        FloodFigures? flood = null;
        await MeasureAsync(service, victimToken, output, "flood: 32 clients posting 1,000-message batches for 20 s", async () =>
            flood = await TeamFlood.RunAsync(service.Server.BaseAddress, "attacker-flood", floodToken, 32, 1_000, TimeSpan.FromSeconds(20)));
        output.WriteLine($"  the flooding team: {flood}");
        output.WriteLine($"  peak resident memory of depc serve over all attacks: {service.Memory.Highest >> 20} MiB (bound 1024 MiB)");
    }

    private static async Task MeasureAsync(AttackedService service, string victimToken, TextWriter output, string attack, Func<Task> run)
    {
        await using var probe = new LatencyProbe(service.Server.BaseAddress, "victim", victimToken, TimeSpan.FromMilliseconds(50));
        await run();
        var victim = await probe.StopAsync();
        output.WriteLine($"  {attack}: second team {victim}; peak so far {service.Memory.Highest >> 20} MiB");
    }

    private static async Task<HttpClient> AttackerAsync(AttackedService service, string name) =>
        service.Server.Client(await service.CreateTeamAsync("attacker-" + name), TimeSpan.FromMinutes(5));

    private static async Task PostAsync(HttpClient client, string team, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        using var response = await client.PostAsync($"/v1/teams/{team}/messages", content);
        response.EnsureSuccessStatusCode();
    }
}
