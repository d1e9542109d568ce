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
        // librdkafka's mock cluster keeps only the last ~5 MB of a partition: the attack is produced in parts, each once
        // the consumer is close enough behind, so that nothing is deleted before Depc reads it.
        byte[][][] parts =
        [
            .. AttackPayloads.PeriodFlood(50_000).Chunk(12_500).Select(Utf8),
            .. AttackPayloads.RefusedCloses(20_000).Chunk(10_000).Select(Utf8),
            .. AttackPayloads.LongNames(20, 900_000).Chunk(4).Select(Utf8),
            Utf8(AttackPayloads.DistinctLabels(12_000)),
            [.. Utf8([.. AttackPayloads.Malformed(), AttackPayloads.Valid]), AttackPayloads.InvalidUtf8Line],
        ];
        using var producer = new ProducerBuilder<Null, byte[]>(new ProducerConfig
        {
            BootstrapServers = fixture.Kafka.BootstrapServers,
            LingerMs = 5,
            MessageMaxBytes = 2_000_000,
        }).Build();
        fixture.Kafka.CreateTopic("depc." + team, 1);
        fixture.Kafka.CreateTopic("depc." + AttackFixture.Victim, 1);

        var produced = 0L;
        var victimDone = TimeSpan.Zero;
        var attackerWhenVictimDone = 0L;
        var clock = Stopwatch.StartNew();
        for (var p = 0; p < parts.Length; p++)
        {
            await ProduceAsync(producer, "depc." + team, parts[p]);
            produced += parts[p].Length;
            if (p == 1)
            {
                // The second team sends while the first one's backlog is being written.
                var victimStart = clock.Elapsed;
                await ProduceAsync(producer, "depc." + AttackFixture.Victim, Utf8(AttackPayloads.Ordinary(200, "kafka-victim")));
                await WaitAsync(AttackFixture.Victim, minimum: 200, TimeSpan.FromSeconds(120));
                (victimDone, attackerWhenVictimDone) = (clock.Elapsed - victimStart, (await fixture.Service.CountsAsync(team)).Received);
            }

            await WaitAsync(team, produced - (parts[p][0].Length > 100_000 ? 0 : 12_500), TimeSpan.FromSeconds(120));
        }

        await WaitAsync(team, produced, TimeSpan.FromSeconds(120));
        var attack = parts.SelectMany(p => p).ToList();
        output.WriteLine($"Kafka poison backlog of {attack.Count} messages: victim's 200 written after {victimDone.TotalSeconds:F1} s " +
            $"(attacker at {attackerWhenVictimDone} then), backlog done after {clock.Elapsed.TotalSeconds:F1} s; depc serve peak {fixture.Service.Memory.Highest >> 20} MiB");
        var counts = await fixture.Service.CountsAsync(team);
        Assert.Equal(attack.Count, counts.Received);
        Assert.Equal(counts.Received, counts.Accepted + counts.Rejected + counts.Duplicates);
        Assert.Equal(2000, (await fixture.Service.PeriodsAsync(team, "flood", "flood-db"))!.Count);
        Assert.NotNull(await fixture.Service.PeriodsAsync(team, "kept", "kept-db"));
        fixture.AssertAliveWithin();
    }

    private static byte[][] Utf8(IEnumerable<string> lines) => [.. lines.Select(Encoding.UTF8.GetBytes)];

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
        var last = start;
        while (clock.Elapsed < timeout)
        {
            if ((last = (await fixture.Service.CountsAsync(team)).Received) >= target)
            {
                return clock.Elapsed;
            }

            fixture.AssertAliveWithin();
            if (clock.Elapsed.TotalSeconds % 10 < 0.3)
            {
                output.WriteLine($"{clock.Elapsed.TotalSeconds:F0} s: {team} received {last}");
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{team} received {last}, not {target} messages, within {timeout}:\n{fixture.Tail()}");
    }
}
