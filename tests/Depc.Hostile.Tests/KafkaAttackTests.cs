using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Depc.Testing.Attacks;
using Xunit.Abstractions;

namespace Depc.Hostile.Tests;

/// <summary>
/// The same attack classes sent through Kafka: a poison backlog in one team's topic is bounded like any other input (the
/// process lives, its memory stays bounded, every message gets its outcome and the partition moves on), and the second
/// team's messages, sent after the backlog, are written while it drains.
/// </summary>
[Collection(AttackTests.Name)]
public sealed class KafkaAttackTests(AttackFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_poison_backlog_in_one_topic_is_consumed_to_its_end_and_the_other_team_is_written_meanwhile()
    {
        const string team = "attacker-kafka";
        await fixture.Service.CreateTeamAsync(team);
        var attack = new List<byte[]>();
        attack.AddRange(AttackPayloads.PeriodFlood(50_000).Select(Encoding.UTF8.GetBytes));
        attack.AddRange(AttackPayloads.RefusedCloses(20_000).Select(Encoding.UTF8.GetBytes));
        attack.AddRange(AttackPayloads.LongNames(100, 900_000).Select(Encoding.UTF8.GetBytes));
        attack.AddRange(AttackPayloads.DistinctLabels(12_000).Select(Encoding.UTF8.GetBytes));
        attack.AddRange(AttackPayloads.Malformed().Select(Encoding.UTF8.GetBytes));
        attack.Add(AttackPayloads.InvalidUtf8Line);
        attack.Add(Encoding.UTF8.GetBytes(AttackPayloads.Valid));
        using var producer = new ProducerBuilder<Null, byte[]>(new ProducerConfig
        {
            BootstrapServers = fixture.Kafka.BootstrapServers,
            LingerMs = 5,
            MessageMaxBytes = 2_000_000,
        }).Build();

        fixture.Kafka.CreateTopic("depc." + team, 1);
        fixture.Kafka.CreateTopic("depc." + AttackFixture.Victim, 1);
        await ProduceAsync(producer, "depc." + team, attack);
        var clock = Stopwatch.StartNew();
        await ProduceAsync(producer, "depc." + AttackFixture.Victim, [.. AttackPayloads.Ordinary(200, "kafka-victim").Select(Encoding.UTF8.GetBytes)]);

        var victimDone = await WaitAsync(AttackFixture.Victim, minimum: 200, TimeSpan.FromSeconds(120));
        var attackerWhenVictimDone = (await fixture.Service.CountsAsync(team)).Received;
        var attackerDone = await WaitAsync(team, attack.Count, TimeSpan.FromSeconds(300));

        output.WriteLine($"Kafka poison backlog of {attack.Count} messages: victim's 200 written after {victimDone.TotalSeconds:F1} s " +
            $"(attacker at {attackerWhenVictimDone} then), backlog done after {attackerDone.TotalSeconds:F1} s; depc serve peak {fixture.Service.Memory.Highest >> 20} MiB");
        var counts = await fixture.Service.CountsAsync(team);
        Assert.Equal(attack.Count, counts.Received);
        Assert.Equal(counts.Received, counts.Accepted + counts.Rejected + counts.Duplicates);
        Assert.Equal(2000, (await fixture.Service.PeriodsAsync(team, "flood", "flood-db"))!.Count);
        Assert.NotNull(await fixture.Service.PeriodsAsync(team, "kept", "kept-db"));
        fixture.AssertAliveWithin();
    }

    private static async Task ProduceAsync(IProducer<Null, byte[]> producer, string topic, IEnumerable<byte[]> values)
    {
        var sends = values.Select(v => producer.ProduceAsync(topic, new Message<Null, byte[]> { Value = v })).ToList();
        await Task.WhenAll(sends);
    }

    // The victim's count is read through its status (exact, from the store); victim messages of the HTTP attacks count too.
    private async Task<TimeSpan> WaitAsync(string team, long minimum, TimeSpan timeout)
    {
        var start = (await fixture.Service.CountsAsync(team)).Received;
        var target = team == AttackFixture.Victim ? start + minimum : minimum;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if ((await fixture.Service.CountsAsync(team)).Received >= target)
            {
                return clock.Elapsed;
            }

            fixture.AssertAliveWithin();
            await Task.Delay(250);
        }

        throw new TimeoutException($"{team} did not reach {target} received messages within {timeout}:\n{fixture.Tail()}");
    }
}
