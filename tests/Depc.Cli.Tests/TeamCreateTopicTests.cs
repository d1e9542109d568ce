using Depc.Cli.Tests.Support;
using Depc.Testing.Kafka;

namespace Depc.Cli.Tests;

/// <summary>
/// <c>depc team create --kafka-bootstrap-servers</c> when the topic cannot be created: the team must not be left
/// half-made (written, its token never shown), so a retry creates it and prints a token.
/// </summary>
public sealed class TeamCreateTopicTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task A_failed_topic_creation_leaves_no_team_so_a_retry_succeeds()
    {
        // librdkafka's mock cluster has no CreateTopics API: a real broker that refuses to create the topic.
        using var kafka = new MockKafkaCluster();

        var failed = await CliSandbox.RunAsync("team", "create", "acme", "--store", _sandbox.Store, "--kafka-bootstrap-servers", kafka.BootstrapServers);
        Assert.NotEqual(ExitCodes.Ok, failed.ExitCode);
        Assert.Equal(string.Empty, failed.Out);

        var listed = (await CliSandbox.RunAsync("team", "list", "--store", _sandbox.Store)).AssertOk();
        JsonAssert.Equal("[]", listed.Json);

        var retried = (await CliSandbox.RunAsync("team", "create", "acme", "--store", _sandbox.Store)).AssertOk();
        Assert.StartsWith("depc_", retried.Json!["token"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
