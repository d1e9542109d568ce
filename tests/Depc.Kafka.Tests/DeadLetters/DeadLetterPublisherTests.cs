using System.Diagnostics;
using Depc.Core.Ingestion;
using Depc.Core.Naming;
using Depc.Kafka.Configuration;
using Depc.Kafka.DeadLetters;
using Depc.Kafka.Telemetry;
using Depc.Kafka.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Depc.Kafka.Tests.DeadLetters;

public sealed class DeadLetterPublisherTests : IDisposable
{
    private static readonly TeamName Team = TeamName.Parse("acme" + Guid.NewGuid().ToString("N")[..8]);
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().AddSingleton<IConsumerLagSource, ConsumerLagTracker>().AddSingleton<DepcMetrics>().BuildServiceProvider();
    private readonly DroppedReports _dropped = new();

    [Fact]
    public void Letters_for_a_broker_that_never_answers_are_held_within_the_byte_budget_the_rest_dropped_and_counted_without_waiting()
    {
        // Nothing listens on port 1: no letter is ever delivered while the test runs.
        var options = new KafkaOptions { BootstrapServers = "127.0.0.1:1", DeadLetterQueueBytes = 3 * DeadLetterHeaders.MaxPayloadBytes };
        options.Client["message.timeout.ms"] = "2000";
        using var publisher = new DeadLetterPublisher(options, _services.GetRequiredService<DepcMetrics>(), NullLogger.Instance);
        var large = Letters(10, payloadBytes: 2_000_000, reasonChars: 100);
        var small = Letters(50_000, payloadBytes: 60, reasonChars: 100_000);

        var clock = Stopwatch.StartNew();
        publisher.Publish(large);
        publisher.Publish(small);
        var elapsed = clock.Elapsed;

        // Each large letter is cut to MaxPayloadBytes, so two fit; each small one costs its cut reason and headers.
        Assert.True(publisher.Held <= options.DeadLetterQueueBytes, $"{publisher.Held} bytes held");
        Assert.True(publisher.Held > 2L * DeadLetterHeaders.MaxPayloadBytes, $"{publisher.Held} bytes held");
        Assert.Equal(8 + 50_000 - ((publisher.Held - (2 * DeadLetterPublisher.SizeOf(large[0]))) / DeadLetterPublisher.SizeOf(small[0])), publisher.Dropped);
        Assert.Equal(publisher.Dropped, _dropped.Of(Team.Value, DepcMetrics.DeadLetterQueue));
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"publishing took {elapsed}");
    }

    [Fact]
    public async Task Undelivered_letters_release_their_bytes_so_later_letters_are_taken_again()
    {
        var options = new KafkaOptions { BootstrapServers = "127.0.0.1:1", DeadLetterQueueBytes = 2 * DeadLetterHeaders.MaxPayloadBytes };
        options.Client["message.timeout.ms"] = "500";
        using var publisher = new DeadLetterPublisher(options, _services.GetRequiredService<DepcMetrics>(), NullLogger.Instance);

        publisher.Publish(Letters(5, payloadBytes: 1_000_000, reasonChars: 10));
        Assert.Equal(4, publisher.Dropped);
        await Eventually.TrueAsync(() => Task.FromResult(publisher.Held == 0), TimeSpan.FromSeconds(30), "the undelivered letter released");

        publisher.Publish(Letters(1, payloadBytes: 1_000_000, reasonChars: 10));
        Assert.Equal(4, publisher.Dropped);
    }

    [Fact]
    public void A_letter_costs_its_cut_payload_and_cut_reason()
    {
        var letter = Letters(1, payloadBytes: 5_000_000, reasonChars: 1_000_000)[0];

        Assert.True(DeadLetterPublisher.SizeOf(letter) < DeadLetterHeaders.MaxPayloadBytes + (4 * ReasonText.MaxChars) + 1_024);
    }

    public void Dispose()
    {
        _dropped.Dispose();
        _services.Dispose();
    }

    private static DeadLetter[] Letters(int count, int payloadBytes, int reasonChars)
    {
        var payload = new byte[payloadBytes];
        var reason = new string('r', reasonChars);
        return [.. Enumerable.Range(0, count).Select(i => new DeadLetter(Team, payload, Team.Topic, 0, i, reason))];
    }
}
