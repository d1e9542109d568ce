using System.Net;
using System.Text;

namespace Depc.Neo4j.Tests.Support;

/// <summary>Replays recorded Neo4j HTTP answers by method and path, and keeps what was asked.</summary>
public sealed class RecordedHandler : HttpMessageHandler
{
    private readonly Dictionary<string, (HttpStatusCode Status, string Body, string? Location)> _answers = new(StringComparer.Ordinal);

    public List<(string Method, string Path, string? Body, string? Authorization)> Requests { get; } = [];

    public RecordedHandler Answer(string method, string path, string body, HttpStatusCode status = HttpStatusCode.OK, string? location = null)
    {
        _answers[method + " " + path] = (status, body, location);
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request.Method.Method, request.RequestUri!.AbsolutePath, body, request.Headers.Authorization?.ToString()));
        if (!_answers.TryGetValue(request.Method.Method + " " + request.RequestUri.AbsolutePath, out var answer))
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        var response = new HttpResponseMessage(answer.Status) { Content = new StringContent(answer.Body, Encoding.UTF8, "application/json") };
        if (answer.Location is not null)
        {
            response.Headers.Location = new Uri(answer.Location);
        }

        return response;
    }
}
