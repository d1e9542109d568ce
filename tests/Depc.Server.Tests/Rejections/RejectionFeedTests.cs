using System.ComponentModel.DataAnnotations;
using System.Diagnostics.Metrics;
using Depc.Core.Ingestion;
using Depc.Core.Naming;
using Depc.Kafka.Telemetry;
using Depc.Server.Rejections;
using Microsoft.Extensions.DependencyInjection;

namespace Depc.Server.Tests.Rejections;

/// <summary>Issue 12: the Kafka rejections' queue to the team feed holds bounded bytes, whatever the rejections carry.</summary>
public sealed class RejectionFeedTests : IDisposable
{
    private const long Budget = 256 * 1024;
    private static readonly TeamName Team = TeamName.Parse("acme");
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().AddSingleton<IConsumerLagSource, NoLag>().AddSingleton<DepcMetrics>().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private long _counted;

    public RejectionFeedTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == DepcMetrics.MeterName && instrument.Name == "depc.rejections.dropped")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _counted, value));
        _listener.Start();
    }

    [Fact]
    public void A_flood_of_rejections_with_huge_reasons_keeps_the_newest_within_the_byte_budget_and_counts_the_dropped()
    {
        var feed = Feed(Budget);
        const int Sent = 10_000;
        var payload = PayloadText.Truncate(new byte[100_000]);
        var reason = new string('r', 100_000);

        for (var i = 0; i < Sent; i++)
        {
            feed.Report(Team, new MessageRejection(MessageOrigin.Kafka(Team.Topic, 0, i), reason, payload), DateTimeOffset.UnixEpoch);
            Assert.True(feed.QueuedBytes <= Budget, $"{feed.QueuedBytes} bytes queued");
        }

        var queued = Drain(feed);
        Assert.NotEmpty(queued);
        Assert.Equal(Sent - queued.Count, feed.Dropped);
        Assert.Equal(feed.Dropped, Interlocked.Read(ref _counted));
        Assert.Equal(0, feed.QueuedBytes);
        // The newest are kept, in order; each reason cut.
        Assert.Equal(Enumerable.Range(Sent - queued.Count, queued.Count).Select(i => $"{Team.Topic}/0@{i}"), queued.Select(static e => e.Origin));
        Assert.All(queued, static e => Assert.Equal(ReasonText.MaxChars + 1, e.Reason.Length));
    }

    [Fact]
    public void Entries_the_writer_took_make_room_again()
    {
        var feed = Feed(Budget);
        var rejection = new MessageRejection(MessageOrigin.Kafka(Team.Topic, 0, 0), new string('r', 10_000), "{}");
        while (feed.Dropped == 0)
        {
            feed.Report(Team, rejection, DateTimeOffset.UnixEpoch);
        }

        var full = feed.QueuedBytes;
        Assert.True(feed.TryTake(out _));
        Assert.True(feed.QueuedBytes < full);

        feed.Report(Team, rejection, DateTimeOffset.UnixEpoch);
        Assert.Equal(1, feed.Dropped);
    }

    [Fact]
    public void The_budget_setting_is_validated()
    {
        Assert.Equal(16L * 1024 * 1024, new RejectionFeedOptions().QueueBytes);
        Assert.False(IsValid(new RejectionFeedOptions { QueueBytes = 1_000 }));
        Assert.True(IsValid(new RejectionFeedOptions { QueueBytes = Budget }));
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    private RejectionFeed Feed(long budget) =>
        new(new NoLog(), Microsoft.Extensions.Options.Options.Create(new RejectionFeedOptions { QueueBytes = budget }), _services.GetRequiredService<DepcMetrics>());

    private static bool IsValid(RejectionFeedOptions options) => Validator.TryValidateObject(options, new ValidationContext(options), null, validateAllProperties: true);

    private static List<RejectionEntry> Drain(RejectionFeed feed)
    {
        List<RejectionEntry> entries = [];
        while (feed.TryTake(out var entry))
        {
            entries.Add(entry);
        }

        return entries;
    }

    private sealed class NoLog : IRejectionLog
    {
        public Task AppendAsync(IReadOnlyList<RejectionEntry> entries, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<IReadOnlyList<RejectionEntry>> ReadAsync(TeamName team, int limit, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<RejectionEntry>>([]);
    }

    private sealed class NoLag : IConsumerLagSource
    {
        public IReadOnlyList<PartitionLag> GetLag() => [];
    }
}
