using System.Text;
using Depc.Server.Ingestion;
using Depc.Server.Options;
using Depc.Server.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Depc.Server.Tests.Ingestion;

/// <summary>How a body is read: nothing sized from its announced length, 413 naming the setting before reading an announced excess.</summary>
public sealed class RequestBodyTests(KestrelServer server) : IClassFixture<KestrelServer>
{
    [Fact]
    public async Task A_body_announced_larger_than_the_limit_is_413_before_any_byte_is_sent()
    {
        var (team, token) = await server.CreateTeamAsync();
        await using var raw = await RawHttp.ConnectAsync(server.BaseAddress);
        await raw.PostHeadersAsync(team, token, KestrelServer.MaxRequestBytes + 1);

        var answer = await raw.ReadResponseAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(answer);
        Assert.StartsWith("HTTP/1.1 413", answer, StringComparison.Ordinal);
        Assert.Contains("Depc:MaxRequestBytes", answer, StringComparison.Ordinal);
        Assert.Contains(KestrelServer.MaxRequestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_announcing_16_MiB_costs_what_it_sends_not_what_it_announces()
    {
        var options = new ServerOptions();
        var sent = Encoding.UTF8.GetBytes("""{"source":{"label":"Server","name":"s1"}}""");
        var http = new DefaultHttpContext();
        http.Request.ContentLength = options.MaxRequestBytes;
        http.Request.Body = new MemoryStream(sent);

        // The stream completes every read at once, so the whole read runs on this thread and its allocations count here.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var (body, error) = await RequestBody.ReadAsync(http.Request, options, default);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Null(error);
        using (body)
        {
            Assert.Equal(sent, body!.Memory.ToArray());
        }

        Assert.True(allocated < 1024 * 1024, $"{allocated} bytes allocated for a body of {sent.Length}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_larger_than_the_first_buffer_is_read_whole_and_one_over_the_limit_is_413(bool announced)
    {
        var options = new ServerOptions { MaxRequestBytes = 3 * 1024 * 1024 };
        var sent = new byte[options.MaxRequestBytes];
        new Random(12).NextBytes(sent);

        var (body, error) = await ReadAsync(sent, options, announced);
        Assert.Null(error);
        using (body)
        {
            Assert.True(sent.AsSpan().SequenceEqual(body!.Memory.Span));
        }

        var (none, tooLarge) = await ReadAsync([.. sent, 0], options, announced: false);
        Assert.Null(none);
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, tooLarge!.Status);
        Assert.Contains("Depc:MaxRequestBytes", tooLarge.Detail, StringComparison.Ordinal);
    }

    /// <summary>A body with its Content-Length, or without (chunked: the buffer only grows with what arrives).</summary>
    private static Task<(PooledBody? Body, BodyError? Error)> ReadAsync(byte[] sent, ServerOptions options, bool announced)
    {
        var http = new DefaultHttpContext();
        http.Request.Body = new MemoryStream(sent);
        http.Request.ContentLength = announced ? sent.Length : null;
        return RequestBody.ReadAsync(http.Request, options, default);
    }
}
