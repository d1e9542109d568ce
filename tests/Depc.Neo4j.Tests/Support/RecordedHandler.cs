using System.Net;
using System.Text;

namespace Depc.Neo4j.Tests.Support;

/// <summary>
/// Replays recorded Neo4j HTTP answers, and keeps what was asked. An answer is for a method and a path, or a whole
/// URL (<c>http://b:7474/db/data/transaction/commit</c>: one member of a cluster), optionally only when the request
/// body holds some text (a cluster procedure); the answer given last wins.
/// </summary>
public sealed class RecordedHandler : HttpMessageHandler
{
    private readonly List<(string Method, string Where, string? When, HttpStatusCode Status, string Body, string? Location)> _answers = [];

    public List<(string Method, string Path, string? Body, string? Authorization)> Requests { get; } = [];

    /// <summary>Requests with the member each went to (<c>host:port</c>).</summary>
    public List<(string Member, string Method, string Path, string? Body)> Sent { get; } = [];

    public RecordedHandler Answer(string method, string where, string body, HttpStatusCode status = HttpStatusCode.OK, string? location = null, string? when = null)
    {
        lock (_answers)
        {
            _answers.Add((method, where, when, status, body, location));
        }

        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var uri = request.RequestUri!;
        (string Method, string Where, string? When, HttpStatusCode Status, string Body, string? Location)? answer;
        lock (_answers)
        {
            Requests.Add((request.Method.Method, uri.AbsolutePath, body, request.Headers.Authorization?.ToString()));
            Sent.Add((uri.Authority, request.Method.Method, uri.AbsolutePath, body));
            answer = _answers.LastOrDefault(a =>
                a.Method == request.Method.Method
                && (a.Where == uri.AbsolutePath || a.Where == uri.GetLeftPart(UriPartial.Path))
                && (a.When is null || (body?.Contains(a.When, StringComparison.Ordinal) ?? false)));
        }

        if (answer is not { } found || found.Method is null)
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        var response = new HttpResponseMessage(found.Status) { Content = new StringContent(found.Body, Encoding.UTF8, "application/json") };
        if (found.Location is not null)
        {
            response.Headers.Location = new Uri(found.Location);
        }

        return response;
    }
}
