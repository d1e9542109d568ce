using Depc.Core.Ingestion;
using Depc.Core.Naming;
using Depc.Kafka.Consuming;
using Depc.Kafka.Tests.Support;

namespace Depc.Kafka.Tests.Consuming;

public sealed class RejectionReporterTests : IDisposable
{
    private static readonly TeamName Team = TeamName.Parse("acme");
    private readonly TestBatches _batches = new();

    [Fact]
    public void A_write_full_of_rejections_logs_a_bounded_number_of_lines_and_reports_every_one_to_the_sink()
    {
        var batch = _batches.Cut(Team, 0, [.. Enumerable.Range(0, 5_000).Select(static i => "{not json " + i)]);
        var rejections = batch.Messages.Select(static m => IngestPipeline.Reject(m, "not JSON")).ToList();
        using var log = new XunitLoggerProvider(null);
        var sink = new RecordingRejectionSink();

        new RejectionReporter(sink, null, TimeProvider.System, log.CreateLogger("test")).Report([batch], rejections, recordedByStore: false);

        Assert.Equal(RejectionReporter.MaxLoggedPerWrite, log.Events.Count(static e => e == 3005));
        Assert.Equal(1, log.Events.Count(static e => e == 3030));
        Assert.Equal(5_000, sink.Rejections.Count);
    }

    public void Dispose() => _batches.Dispose();
}
