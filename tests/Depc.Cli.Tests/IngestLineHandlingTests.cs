using System.Text;
using System.Text.Json.Nodes;
using Depc.Cli.Tests.Support;

namespace Depc.Cli.Tests;

/// <summary>How <c>depc ingest</c> cuts its input into lines: blank lines, CRLF, size limit, bad bytes, last line.</summary>
public sealed class IngestLineHandlingTests : IDisposable
{
    private const int Limit = 1024 * 1024;
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Blank_lines_are_ignored_but_still_count_for_line_numbers()
    {
        var input = "\n   \n{\"source\":{\"label\":\"A\",\"name\":\"x\"}}\n\t\n\n{\"source\":{\"label\":\"a\",\"name\":\"y\"}}\n\n";

        var run = await _sandbox.IngestBytesAsync("t", Encoding.UTF8.GetBytes(input));

        Assert.Equal(0, run.ExitCode);
        JsonAssert.Equal("""{"received":2,"accepted":1,"rejected":1,"duplicates":0}""", run.Json);
        Assert.Equal(6, (long)JsonNode.Parse(Assert.Single(run.ErrorLines))!["line"]!);
    }

    [Fact]
    public async Task Crlf_line_endings_are_accepted_and_the_cr_is_not_part_of_the_payload()
    {
        var input = "{\"source\":{\"label\":\"A\",\"name\":\"x\"}}\r\n\r\n{\"source\":{\"label\":\"A\",\"name\":\"y\"}}\r\n{\"bad\":1}\r\n";

        var run = await _sandbox.IngestBytesAsync("t", Encoding.UTF8.GetBytes(input));

        Assert.Equal(0, run.ExitCode);
        JsonAssert.Equal("""{"received":3,"accepted":2,"rejected":1,"duplicates":0}""", run.Json);
        var rejection = JsonNode.Parse(Assert.Single(run.ErrorLines))!;
        Assert.Equal(4, (long)rejection["line"]!);
        Assert.Equal("{\"bad\":1}", (string)rejection["payload"]!);
        JsonAssert.Equal("""["x","y"]""", await _sandbox.QueryAsync("nodes", "--team", "t", "--label", "A"));
    }

    [Fact]
    public async Task Last_line_without_trailing_newline_is_applied()
    {
        var input = "{\"source\":{\"label\":\"A\",\"name\":\"x\"}}\n{\"source\":{\"label\":\"A\",\"name\":\"y\"}}";

        var run = (await _sandbox.IngestBytesAsync("t", Encoding.UTF8.GetBytes(input))).AssertOk();

        JsonAssert.Equal("""{"received":2,"accepted":2,"rejected":0,"duplicates":0}""", run.Json);
        JsonAssert.Equal("""["x","y"]""", await _sandbox.QueryAsync("nodes", "--team", "t", "--label", "A"));
    }

    [Fact]
    public async Task Rejected_last_line_without_trailing_newline_has_its_line_number()
    {
        var file = _sandbox.WriteFile("in.ndjson", "{\"source\":{\"label\":\"A\",\"name\":\"x\"}}\n{\"source\":{}}");

        var run = await _sandbox.RunOnStoreAsync("ingest", "--team", "t", file);

        Assert.Equal(0, run.ExitCode);
        JsonAssert.Equal("""{"received":2,"accepted":1,"rejected":1,"duplicates":0}""", run.Json);
        Assert.Equal(2, (long)JsonNode.Parse(Assert.Single(run.ErrorLines))!["line"]!);
    }

    [Fact]
    public async Task Line_longer_than_one_mebibyte_is_rejected_and_the_rest_applied()
    {
        var huge = MessageOfLength(Limit + 500_000, "big");
        var input = Concat(
            "{\"source\":{\"label\":\"A\",\"name\":\"before\"}}\n",
            huge,
            "\n{\"source\":{\"label\":\"A\",\"name\":\"after\"}}\n");

        var run = await _sandbox.IngestBytesAsync("t", input);

        Assert.Equal(0, run.ExitCode);
        JsonAssert.Equal("""{"received":3,"accepted":2,"rejected":1,"duplicates":0}""", run.Json);
        var rejection = JsonNode.Parse(Assert.Single(run.ErrorLines))!;
        Assert.Equal(2, (long)rejection["line"]!);
        Assert.Equal($"$ is {huge.Length} bytes, larger than the limit of {Limit} bytes", (string)rejection["reason"]!);
        Assert.InRange(((string)rejection["payload"]!).Length, 1, 1025);
        Assert.StartsWith("{\"source\"", (string)rejection["payload"]!, StringComparison.Ordinal);
        JsonAssert.Equal("""["after","before"]""", await _sandbox.QueryAsync("nodes", "--team", "t", "--label", "A"));
    }

    [Theory]
    [InlineData(Limit, true)]
    [InlineData(Limit + 1, false)]
    public async Task Size_limit_is_inclusive(int length, bool accepted)
    {
        var input = Concat(MessageOfLength(length, "edge"), "\n");

        var run = await _sandbox.IngestBytesAsync("t", input);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(accepted ? 1 : 0, (long)run.Json!["accepted"]!);
        Assert.Equal(accepted ? 0 : 1, (long)run.Json!["rejected"]!);
    }

    [Fact]
    public async Task Oversized_last_line_without_newline_is_rejected()
    {
        var huge = MessageOfLength((3 * Limit) + 7, "big");

        var run = await _sandbox.IngestBytesAsync("t", Concat("{\"source\":{\"label\":\"A\",\"name\":\"x\"}}\n", huge));

        Assert.Equal(0, run.ExitCode);
        JsonAssert.Equal("""{"received":2,"accepted":1,"rejected":1,"duplicates":0}""", run.Json);
        var rejection = JsonNode.Parse(Assert.Single(run.ErrorLines))!;
        Assert.Equal(2, (long)rejection["line"]!);
        Assert.Equal($"$ is {huge.Length} bytes, larger than the limit of {Limit} bytes", (string)rejection["reason"]!);
    }

    [Fact]
    public async Task A_byte_order_mark_at_the_start_of_the_file_is_skipped_and_elsewhere_rejects_its_line()
    {
        byte[] bom = [0xEF, 0xBB, 0xBF];
        var input = Concat(bom, "{\"source\":{\"label\":\"A\",\"name\":\"x\"}}\n", bom, "{\"source\":{\"label\":\"A\",\"name\":\"y\"}}\n");

        var run = await _sandbox.IngestBytesAsync("t", input);

        JsonAssert.Equal("""{"received":2,"accepted":1,"rejected":1,"duplicates":0}""", run.Json);
        Assert.Equal(2, (long)JsonNode.Parse(Assert.Single(run.ErrorLines))!["line"]!);
        JsonAssert.Equal("""["x"]""", await _sandbox.QueryAsync("nodes", "--team", "t", "--label", "A"));
    }

    [Fact]
    public async Task Invalid_utf8_line_is_rejected_and_the_rest_applied()
    {
        byte[] invalid = [.. "{\"source\":{\"label\":\"A\",\"name\":\""u8, 0xff, 0xfe, .. "\"}}\n"u8];
        var input = Concat(
            "{\"source\":{\"label\":\"A\",\"name\":\"x\"}}\n",
            invalid,
            "{\"source\":{\"label\":\"A\",\"name\":\"y\"}}\n");

        var run = await _sandbox.IngestBytesAsync("t", input);

        Assert.Equal(0, run.ExitCode);
        JsonAssert.Equal("""{"received":3,"accepted":2,"rejected":1,"duplicates":0}""", run.Json);
        var rejection = JsonNode.Parse(Assert.Single(run.ErrorLines))!;
        Assert.Equal(2, (long)rejection["line"]!);
        Assert.Equal("$ is not valid UTF-8", (string)rejection["reason"]!);
        JsonAssert.Equal("""["x","y"]""", await _sandbox.QueryAsync("nodes", "--team", "t", "--label", "A"));
    }

    [Fact]
    public async Task Many_lines_span_several_batches_and_keep_their_line_numbers()
    {
        const int count = 25_000;
        var text = new StringBuilder();
        for (var i = 1; i <= count; i++)
        {
            text.Append(i == 12_345 ? "{\"source\":{\"label\":\"Item\",\"name\":\"bad name\"}}" : $"{{\"source\":{{\"label\":\"Item\",\"name\":\"n{i:D5}\"}}}}").Append('\n');
        }

        var run = await _sandbox.IngestBytesAsync("t", Encoding.UTF8.GetBytes(text.ToString()));

        Assert.Equal(0, run.ExitCode);
        JsonAssert.Equal($$"""{"received":{{count}},"accepted":{{count - 1}},"rejected":1,"duplicates":0}""", run.Json);
        Assert.Equal(12_345, (long)JsonNode.Parse(Assert.Single(run.ErrorLines))!["line"]!);
        JsonAssert.Equal($$"""[{"name":"Item","nodes_count":{{count - 1}}}]""", await _sandbox.QueryAsync("labels", "--team", "t"));
        JsonAssert.Equal("""["n12340","n12341","n12342","n12343","n12344","n12346","n12347","n12348","n12349"]""", await _sandbox.QueryAsync("nodes", "--team", "t", "--label", "Item", "--name", "n1234"));
        JsonAssert.Equal("""["n25000"]""", await _sandbox.QueryAsync("nodes", "--team", "t", "--label", "Item", "--name", "n25"));
    }

    [Fact]
    public async Task Long_lines_filling_the_input_buffer_before_the_batch_is_full_are_applied_intact()
    {
        // 12,000 lines of 400 bytes: 4.8 MB, past the 4 MiB input buffer of one batch long before its 20,000 messages.
        const int count = 12_000;
        var input = new MemoryStream();
        for (var i = 0; i < count; i++)
        {
            input.Write(MessageOfLength(400, $"n{i:D5}-"));
            input.WriteByte((byte)'\n');
        }

        var run = (await _sandbox.IngestBytesAsync("t", input.ToArray())).AssertOk();

        JsonAssert.Equal($$"""{"received":{{count}},"accepted":{{count}},"rejected":0,"duplicates":0}""", run.Json);
        var names = (await _sandbox.QueryAsync("nodes", "--team", "t", "--label", "A"))!.AsArray().Select(n => (string)n!).ToList();
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"n{i:D5}-"), names);
    }

    [Fact]
    public async Task A_line_near_the_size_limit_arriving_when_the_batch_is_almost_full_is_applied_intact()
    {
        // After four lines of 1,000,000 bytes a batch is just under its 4 MiB: the fifth line still joins it.
        var lines = Enumerable.Range(0, 7).Select(i => MessageOfLength(1_000_000, $"big{i}-")).ToList();

        var run = (await _sandbox.IngestBytesAsync("t", Concat([.. lines.SelectMany(l => new object[] { l, "\n" })]))).AssertOk();

        JsonAssert.Equal("""{"received":7,"accepted":7,"rejected":0,"duplicates":0}""", run.Json);
        var names = (await _sandbox.QueryAsync("nodes", "--team", "t", "--label", "A"))!.AsArray().Select(n => (string)n!);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"big{i}-"), names);
    }

    /// <summary>A valid message of exactly <paramref name="length"/> bytes named <paramref name="name"/> (whitespace pads it: a name has its own, smaller limit).</summary>
    private static byte[] MessageOfLength(int length, string name)
    {
        var head = "{\"source\":{\"label\":\"A\",\"name\":\"" + name + "\"}";
        const string tail = "}";
        var message = head + new string(' ', length - head.Length - tail.Length) + tail;
        Assert.Equal(length, message.Length);
        return Encoding.ASCII.GetBytes(message);
    }

    private static byte[] Concat(params object[] parts) =>
        [.. parts.SelectMany(p => p as byte[] ?? Encoding.UTF8.GetBytes((string)p))];
}
