using System.Text;
using System.Text.Json;
using Depc.Neo4j.Http;

namespace Depc.Neo4j.Tests;

public sealed class ResponseReaderTests
{
    private const string Answer = """
        {"commit":"http://h:7474/db/data/transaction/7/commit","results":[
          {"columns":["a","b"],"data":[{"row":[1,"x"],"meta":[null,null]},{"row":[2,{"k":[1,2,3]}],"meta":[null,null]}]},
          {"columns":["n"],"data":[{"row":[null]}]}],
         "transaction":{"expires":"Thu, 01 Jan 2026 00:00:00 +0000"},"errors":[]}
        """;

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task Reads_rows_whatever_the_chunking(int chunk)
    {
        var first = new List<string>();
        var second = new List<string>();
        var reader = await ResponseReader.ReadAsync(
            new ChunkedStream(Encoding.UTF8.GetBytes(Answer), chunk),
            [new CypherStatement("a", OnRow: r => first.Add(r.GetRawText())), new CypherStatement("b", OnRow: r => second.Add(r.GetRawText()))],
            CancellationToken.None);

        Assert.Equal(["[1,\"x\"]", "[2,{\"k\":[1,2,3]}]"], first);
        Assert.Equal(["[null]"], second);
        Assert.Equal("http://h:7474/db/data/transaction/7/commit", reader.Commit);
        Assert.Empty(reader.Errors);
    }

    [Fact]
    public async Task Reads_errors()
    {
        var body = """{"results":[],"errors":[{"code":"Neo.ClientError.Statement.SyntaxError","message":"bad"}]}""";
        var reader = await ResponseReader.ReadAsync(new ChunkedStream(Encoding.UTF8.GetBytes(body), 3), [], CancellationToken.None);
        Assert.Equal([("Neo.ClientError.Statement.SyntaxError", "bad")], reader.Errors);
    }

    [Fact]
    public async Task A_cut_answer_is_a_transient_error()
    {
        var e = await Assert.ThrowsAsync<Neo4jException>(() =>
            ResponseReader.ReadAsync(new ChunkedStream(Encoding.UTF8.GetBytes(Answer[..60]), 5), [], CancellationToken.None));
        Assert.True(e.IsTransient);
    }

    /// <summary>Hands out at most <c>chunk</c> bytes per read, as a slow network would.</summary>
    private sealed class ChunkedStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(chunk, buffer.Length)], cancellationToken);
    }

    [Fact]
    public void Json_elements_survive_the_reader() => Assert.Equal(JsonValueKind.Null, JsonDocument.Parse("null").RootElement.ValueKind);
}
