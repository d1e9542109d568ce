using System.Text;
using System.Text.Json.Nodes;
using Depc.Cli.Tests.Support;

namespace Depc.Cli.Tests;

/// <summary>Runs alone: it measures the process's allocations while ingesting a huge line.</summary>
[Collection(SerialTests.Name)]
public sealed class IngestMemoryTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task A_256_MiB_line_is_skipped_without_being_buffered()
    {
        const long padding = 256L * 1024 * 1024;
        var head = Encoding.ASCII.GetBytes("{\"source\":{\"label\":\"A\",\"name\":\"");
        var tail = Encoding.ASCII.GetBytes("\"}}\n{\"source\":{\"label\":\"A\",\"name\":\"after\"}}\n");
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var run = await CliSandbox.RunAsync(
            () => GeneratedStream.Padded(head, (byte)'a', padding, tail),
            "ingest", "--team", "t", "--store", _sandbox.Store);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(0, run.ExitCode);
        JsonAssert.Equal("""{"received":2,"accepted":1,"rejected":1,"duplicates":0}""", run.Json);
        var reason = (string)JsonNode.Parse(Assert.Single(run.ErrorLines))!["reason"]!;
        Assert.Equal($"$ is {head.Length + padding + 3} bytes, larger than the limit of 1048576 bytes", reason);
        Assert.True(allocated < 64L * 1024 * 1024, $"allocated {allocated:N0} bytes for a {padding:N0}-byte line");
    }
}
