using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Depc.Bench.Scale;
using Depc.Server;
using Microsoft.AspNetCore.Builder;

namespace Depc.Bench.Http;

/// <summary>
/// The HTTP service under load over loopback: ingestion in batches of 1,000 messages, then
/// <c>nodes/{node}</c>, <c>…/impacted</c> (without and with witness chains) and <c>…/impacted/why</c> on a 100,000-node
/// graph, 32 concurrent clients, each phase bounded in time.
/// </summary>
public static class HttpBench
{
    private const int Clients = 32;
    private static readonly int IngestClients = int.TryParse(Environment.GetEnvironmentVariable("DEPC_BENCH_INGEST_CLIENTS"), out var n) ? n : Clients;
    private const int BatchSize = 1_000;
    private const int Servers = 90_000;
    private const int ServersPerRack = 100;
    private const int RacksPerDc = 100;
    private const int WebsiteEvery = 9;
    private const string AdminToken = "bench-admin-token-0123456789abcdef";
    private static readonly TimeSpan PhaseLimit = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan QueryPhase = TimeSpan.FromSeconds(10);

    /// <summary>Each query phase runs this long untimed first: the figures are the steady state, after tiered JIT.</summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    public static async Task RunAsync(TextWriter output)
    {
        var path = Path.Combine(Path.GetTempPath(), $"depc-http-bench-{Guid.NewGuid():N}.db");
        var app = DepcServer.Build(
        [
            "--urls", "http://127.0.0.1:0",
            "--Depc:Store", "sqlite:" + path,
            "--Depc:AdminToken", AdminToken,
            "--environment", "Production",
            "--Logging:LogLevel:Default", "Warning",
        ]);
        try
        {
            await app.StartAsync();
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients * 2 }) { BaseAddress = new Uri(app.Urls.First()) };
            var (team, token) = await CreateTeamAsync(http);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            output.WriteLine($"HTTP bench: {IngestClients} ingest / {Clients} query clients over loopback, SQLite store, {Environment.ProcessorCount} cores");

            var graph = Topology().Chunk(BatchSize).Select(Ndjson).ToList();
            var extra = Containers(200 * BatchSize).Chunk(BatchSize).Select(Ndjson).ToList();
            var (messages, elapsed) = await IngestAsync(http, team, [.. graph, .. extra]);
            output.WriteLine($"  ingest  {messages,9:N0} msgs in {elapsed.TotalSeconds,6:F1} s = {messages / elapsed.TotalSeconds,9:N0} msg/s (batches of {BatchSize:N0})");

            var node = await QueryAsync(http, i => $"/v1/teams/{team}/labels/Server/nodes/s{i % Servers}");
            output.WriteLine($"  nodes/{{node}}  {node}");
            var racks = Servers / ServersPerRack;
            var impacted = await QueryAsync(http, i => $"/v1/teams/{team}/labels/Rack/nodes/r{i % racks}/impacted?impactedLabel=Website");
            output.WriteLine($"  impacted      {impacted}");
            var paths = await QueryAsync(http, i => $"/v1/teams/{team}/labels/Rack/nodes/r{i % racks}/impacted?impactedLabel=Website&paths=true");
            output.WriteLine($"  impacted+paths {paths}");
            var why = await QueryAsync(http, i => $"/v1/teams/{team}/labels/Rack/nodes/r{i % racks}/impacted/why?impactedLabel=Website&impactedNode=w{(i % racks) * ServersPerRack / WebsiteEvery + 1}.example.com");
            output.WriteLine($"  why           {why}");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            CurveBench.DeleteStore(path);
        }
    }

    /// <summary>90,000 servers in 900 racks in 9 data centres, and 10,000 websites on servers: 100,000 nodes.</summary>
    private static IEnumerable<string> Topology()
    {
        for (var s = 0; s < Servers; s++)
        {
            yield return Link("Server", $"s{s}", "Rack", $"r{s / ServersPerRack}");
        }

        for (var r = 0; r < Servers / ServersPerRack; r++)
        {
            yield return Link("Rack", $"r{r}", "Dc", $"dc{r / RacksPerDc}");
        }

        for (var w = 0; w < Servers / WebsiteEvery; w++)
        {
            yield return Link("Website", $"w{w}.example.com", "Server", $"s{w * WebsiteEvery}");
        }
    }

    private static IEnumerable<string> Containers(int count)
    {
        for (var c = 0; c < count; c++)
        {
            yield return Link("Container", $"c{c}", "Server", $"s{c % Servers}");
        }
    }

    private static string Link(string sourceLabel, string source, string targetLabel, string target) =>
        $$$"""{"source":{"label":"{{{sourceLabel}}}","name":"{{{source}}}"},"target":{"label":"{{{targetLabel}}}","name":"{{{target}}}"},"rel":{"from":1500000000}}""";

    private static byte[] Ndjson(string[] lines) => Encoding.UTF8.GetBytes(string.Join('\n', lines));

    private static async Task<(string Team, string Token)> CreateTeamAsync(HttpClient http)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/teams") { Content = JsonContent.Create(new { name = "bench" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var token = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["token"]!.GetValue<string>();
        return ("bench", token);
    }

    /// <summary>The topology first (in order, so later batches find their nodes), then every batch by 32 clients at once.</summary>
    private static async Task<(long Messages, TimeSpan Elapsed)> IngestAsync(HttpClient http, string team, List<byte[]> batches)
    {
        var next = -1;
        long accepted = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, IngestClients).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < batches.Count && Stopwatch.GetElapsedTime(started) < PhaseLimit)
            {
                using var content = new ByteArrayContent(batches[i]);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
                using var response = await http.PostAsync($"/v1/teams/{team}/messages", content);
                response.EnsureSuccessStatusCode();
                var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                Interlocked.Add(ref accepted, answer["accepted"]!.GetValue<long>() + answer["duplicates"]!.GetValue<long>());
            }
        }));
        return (accepted, Stopwatch.GetElapsedTime(started));
    }

    private static async Task<string> QueryAsync(HttpClient http, Func<int, string> url)
    {
        await LoadAsync(http, url, WarmUp);
        var (collections, paused, allocated) = (GC.CollectionCount(0), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());
        var started = Stopwatch.GetTimestamp();
        var all = await LoadAsync(http, url, QueryPhase);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var gc = (Collections: GC.CollectionCount(0) - collections, Paused: GC.GetTotalPauseDuration() - paused, Allocated: GC.GetTotalAllocatedBytes() - allocated);
        // The process's whole allocation (server and clients) per request, and the collections it paid.
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{all.Length / elapsed.TotalSeconds,9:N0} req/s, p50 {Percentile(all, 0.50):F2} ms, p99 {Percentile(all, 0.99):F2} ms ({all.Length:N0} requests; {gc.Allocated / Math.Max(1, all.Length) / 1024.0:F1} KiB allocated each, {gc.Collections:N0} collections pausing {gc.Paused.TotalSeconds:F2} s)");
    }

    /// <summary>Every client asks in turn for <paramref name="duration"/>; the latencies, sorted.</summary>
    private static async Task<double[]> LoadAsync(HttpClient http, Func<int, string> url, TimeSpan duration)
    {
        var latencies = new List<double>[Clients];
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async c =>
        {
            var mine = latencies[c] = new List<double>(100_000);
            var random = new Random(c);
            while (Stopwatch.GetElapsedTime(started) < duration)
            {
                var t = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(url(random.Next()));
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
                mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
        }));
        return [.. latencies.SelectMany(l => l).Order()];
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
