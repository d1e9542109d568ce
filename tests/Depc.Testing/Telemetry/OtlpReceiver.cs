using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Depc.Testing.Processes;

namespace Depc.Testing.Telemetry;

/// <summary>
/// A small OTLP/HTTP receiver (the exporters' <c>http/protobuf</c> protocol) on a loopback port: it accepts
/// <c>POST /v1/traces</c>, <c>/v1/metrics</c> and <c>/v1/logs</c>, answers 200, and keeps the spans and metric points
/// it was sent, read from the protobuf bodies.
/// </summary>
public sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<OtlpSpan> _spans = new();
    private readonly ConcurrentQueue<OtlpPoint> _points = new();
    private readonly ConcurrentDictionary<string, int> _requests = new();
    private readonly Task _loop;

    public OtlpReceiver()
    {
        Endpoint = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The value for <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public Uri Endpoint { get; }

    public IReadOnlyList<OtlpSpan> Spans => [.. _spans];

    public IReadOnlyList<OtlpPoint> Points => [.. _points];

    /// <summary>How many export requests came to each path.</summary>
    public IReadOnlyDictionary<string, int> Requests => _requests;

    /// <summary>Waits until <paramref name="condition"/> holds on what was received; fails with what was received otherwise.</summary>
    public async Task WaitUntilAsync(Func<OtlpReceiver, bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition(this))
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException(
                    $"OTLP receiver: {what} not received within {timeout}. Requests: {string.Join(", ", _requests.Select(r => $"{r.Key} x{r.Value}"))}; " +
                    $"spans: {string.Join(", ", Spans.Select(s => s.Name).Distinct())}; metrics: {string.Join(", ", Points.Select(p => p.Metric).Distinct())}");
            }

            await Task.Delay(100);
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener was stopped under a pending accept.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var path = context.Request.Url!.AbsolutePath;
            _requests.AddOrUpdate(path, 1, (_, n) => n + 1);
            var request = new ProtobufReader(body.ToArray());
            if (path == "/v1/traces")
            {
                foreach (var span in OtlpSpan.Read(request))
                {
                    _spans.Enqueue(span);
                }
            }
            else if (path == "/v1/metrics")
            {
                foreach (var point in OtlpPoint.Read(request))
                {
                    _points.Enqueue(point);
                }
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }
}
