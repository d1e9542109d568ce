using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Depc.Testing.Attacks;

/// <summary>
/// A second team working while another attacks: posts a small batch of valid messages again and again until stopped,
/// and keeps every request's latency and every failure (anything but 200), so a test can say how it was served.
/// It sends synchronously on a thread of its own: on the test's thread pool or xunit's two-thread context its
/// continuations queued behind the attacker's (32 clients woken together after a 429's <c>Retry-After</c>), and the
/// probe timed the test process, up to a second, instead of the server.
/// </summary>
public sealed class LatencyProbe : IAsyncDisposable
{
    private readonly List<double> _milliseconds = [];
    private readonly List<string> _failures = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LatencyProbe(Uri server, string team, string token, TimeSpan? pause = null)
    {
        var wait = pause ?? TimeSpan.FromMilliseconds(20);
        _loop = Task.Factory.StartNew(() => Run(server, team, token, wait, _stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public int Requests
    {
        get
        {
            lock (_milliseconds)
            {
                return _milliseconds.Count;
            }
        }
    }

    /// <summary>Stops the probe; its figures.</summary>
    public async Task<ProbeFigures> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        lock (_milliseconds)
        {
            var sorted = _milliseconds.Order().ToArray();
            return new ProbeFigures(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted.LastOrDefault(), [.. _failures]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _stop.Dispose();
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private void Run(Uri server, string team, string token, TimeSpan pause, CancellationToken stop)
    {
        using var client = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var round = 0;
        while (!stop.IsCancellationRequested)
        {
            var body = string.Join('\n', AttackPayloads.Ordinary(10, $"probe{round++}"));
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/teams/{team}/messages")
            {
                Content = new StringContent(body, Encoding.UTF8, "application/x-ndjson"),
            };
            var clock = Stopwatch.StartNew();
            try
            {
                using var response = client.Send(request, CancellationToken.None);
                var elapsed = clock.Elapsed.TotalMilliseconds;
                lock (_milliseconds)
                {
                    _milliseconds.Add(elapsed);
                    if (!response.IsSuccessStatusCode)
                    {
                        _failures.Add($"{(int)response.StatusCode} after {elapsed:F0} ms");
                    }
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                lock (_milliseconds)
                {
                    _failures.Add($"{e.GetType().Name}: {e.Message}");
                }
            }

            stop.WaitHandle.WaitOne(pause);
        }
    }
}

/// <summary>How the probing team was served: requests, latency percentiles in milliseconds, and the failures.</summary>
public sealed record ProbeFigures(int Requests, double P50, double P99, double Max, IReadOnlyList<string> Failures)
{
    public override string ToString() => $"{Requests} requests, p50 {P50:F1} ms, p99 {P99:F1} ms, max {Max:F1} ms, {Failures.Count} failed";
}
