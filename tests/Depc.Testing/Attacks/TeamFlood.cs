using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;

namespace Depc.Testing.Attacks;

/// <summary>
/// One team flooding the service: <c>clients</c> concurrent clients posting batches of valid messages as fast as they
/// are answered, for a while, honouring <c>Retry-After</c> on a 429 (4 bodies a client, sent in turn: the later rounds
/// re-send topology, as producers do). Its figures: every answer's status and the
/// messages accepted.
/// </summary>
public static class TeamFlood
{
    public static async Task<FloodFigures> RunAsync(Uri server, string team, string token, int clients, int batch, TimeSpan duration)
    {
        var statuses = new ConcurrentDictionary<int, int>();
        long messages = 0;
        var until = DateTime.UtcNow + duration;
        // Made before the flood: the clients share the machine with the server, and should spend it on sending.
        var bodies = Enumerable.Range(0, 4 * clients).Select(b => AttackPayloads.Ndjson(AttackPayloads.Ordinary(batch, $"flood{b}"))).ToArray();
        using var client = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            for (var round = 0; DateTime.UtcNow < until; round++)
            {
                using var content = new ByteArrayContent(bodies[((round * clients) + c) % bodies.Length]);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
                using var response = await client.PostAsync($"/v1/teams/{team}/messages", content);
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Interlocked.Add(ref messages, batch);
                }
                else if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
                }
            }
        }));
        return new FloodFigures(new SortedDictionary<int, int>(statuses), messages, duration);
    }
}

/// <summary>What a flood got: answers by status, and the messages of its 200s.</summary>
public sealed record FloodFigures(IReadOnlyDictionary<int, int> Statuses, long Messages, TimeSpan Duration)
{
    public override string ToString() =>
        $"{Messages / Duration.TotalSeconds:F0} msg/s written, answers " + string.Join(", ", Statuses.Select(s => $"{s.Key}: {s.Value}"));
}
