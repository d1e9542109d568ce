using Depc.Testing.Attacks;
using Depc.Testing.Kafka;

namespace Depc.Hostile.Tests;

/// <summary>
/// One attacked <c>depc serve</c> for the collection, consuming every team topic of a mock cluster in the test process;
/// each attack uses a team of its own against the one victim team, so the attacks stay independent.
/// </summary>
public sealed class AttackFixture : IAsyncLifetime
{
    public const string Victim = "victim";

    private AttackedService? _service;

    public MockKafkaCluster Kafka { get; } = new(brokers: 1);

    public AttackedService Service => _service ?? throw new InvalidOperationException("not started");

    public string VictimToken { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _service = await AttackedService.StartAsync(new Dictionary<string, string?>
        {
            ["DEPC_KAFKA__BOOTSTRAPSERVERS"] = Kafka.BootstrapServers,
            ["DEPC_KAFKA__TOPICREFRESHINTERVAL"] = "00:00:01",
            ["DEPC_KAFKA__SESSIONTIMEOUT"] = "00:00:03",
            ["DEPC_KAFKA__GROUPHEARTBEATINTERVAL"] = "00:00:00.500",
        });
        VictimToken = await Service.CreateTeamAsync(Victim);
    }

    /// <summary>Fails with the server's log when the process died or grew past <paramref name="bound"/> bytes.</summary>
    public void AssertAliveWithin(long bound = 1L << 30)
    {
        Assert.True(Service.Server.IsRunning, "depc serve died:\n" + Tail());
        Assert.True(Service.Memory.Highest < bound, $"depc serve peaked at {Service.Memory.Highest >> 20} MiB, over {bound >> 20} MiB");
    }

    /// <summary>The last lines the server printed; the whole log goes to a file the message names.</summary>
    public string Tail()
    {
        var file = Path.Combine(Path.GetTempPath(), $"depc-attack-{Environment.ProcessId}.log");
        File.WriteAllText(file, Service.Server.Log);
        return $"(whole log: {file})\n" + string.Join('\n', Service.Server.Log.Split('\n').TakeLast(60));
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        Kafka.Dispose();
    }
}

/// <summary>The attack tests run one at a time, against one server: the machine is small and the victim's figures must be the attack's.</summary>
[CollectionDefinition(Name)]
public sealed class AttackTests : ICollectionFixture<AttackFixture>
{
    public const string Name = "attacks";
}
