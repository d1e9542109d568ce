using System.Net.Sockets;
using System.Text;

namespace Depc.Server.Tests.Support;

/// <summary>A request written by hand on a socket, for what HttpClient will not do: announce a body and not send it.</summary>
public sealed class RawHttp : IAsyncDisposable
{
    private readonly TcpClient _socket = new();
    private NetworkStream _stream = null!;

    public static async Task<RawHttp> ConnectAsync(Uri server)
    {
        var raw = new RawHttp();
        await raw._socket.ConnectAsync(server.Host, server.Port);
        raw._stream = raw._socket.GetStream();
        return raw;
    }

    /// <summary>Sends the headers of <c>POST …/messages</c> announcing <paramref name="contentLength"/> bytes, and no body yet.</summary>
    public Task PostHeadersAsync(string team, string token, long contentLength) =>
        SendAsync($"POST /v1/teams/{team}/messages HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {token}\r\n" +
                  $"Content-Type: application/x-ndjson\r\nContent-Length: {contentLength}\r\n\r\n");

    public async Task SendAsync(string text)
    {
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(text));
        await _stream.FlushAsync();
    }

    /// <summary>
    /// What the server sent until it closed the connection or <paramref name="within"/> passed (then null: still open).
    /// A reset counts as closed: Kestrel may abort a connection whose body it gave up on.
    /// </summary>
    public async Task<string?> ReadUntilClosedAsync(TimeSpan within)
    {
        using var deadline = new CancellationTokenSource(within);
        var received = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            int n;
            while ((n = await _stream.ReadAsync(buffer, deadline.Token)) > 0)
            {
                received.Append(Encoding.UTF8.GetString(buffer, 0, n));
            }

            return received.ToString();
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (IOException)
        {
            return received.ToString();
        }
    }

    /// <summary>One whole response (headers and body, by Content-Length or chunks), or what came before the connection closed; null if nothing came within <paramref name="within"/>.</summary>
    public async Task<string?> ReadResponseAsync(TimeSpan within)
    {
        using var deadline = new CancellationTokenSource(within);
        var received = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            int n;
            while (!IsComplete(received.ToString()) && (n = await _stream.ReadAsync(buffer, deadline.Token)) > 0)
            {
                received.Append(Encoding.UTF8.GetString(buffer, 0, n));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
        }

        return received.Length == 0 ? null : received.ToString();
    }

    private static bool IsComplete(string response)
    {
        var end = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        var headers = response[..end];
        var length = headers.Split("\r\n").FirstOrDefault(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        return length is not null
            ? Encoding.UTF8.GetByteCount(response[(end + 4)..]) >= int.Parse(length["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture)
            : response.EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _socket.Dispose();
    }
}
