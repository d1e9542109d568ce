using System.Diagnostics.Metrics;
using Depc.Core.Ingestion;
using Depc.Core.Naming;

namespace Depc.Kafka.Telemetry;

/// <summary>
/// The ingestion instruments of the <c>Depc</c> meter: <c>depc.messages</c> (team, outcome),
/// <c>depc.periods.trimmed</c> (team), <c>depc.batch.size</c>, <c>depc.batch.write.duration</c> (s), <c>depc.consumer.lag</c> (team, partition) and
/// <c>depc.rejections.dropped</c> (team, queue: rejection reports dropped because their queue was full, by bytes).
/// </summary>
public sealed class DepcMetrics
{
    public const string MeterName = "Depc";

    /// <summary>The <c>queue</c> tag of <c>depc.rejections.dropped</c> for dead letters waiting for the broker.</summary>
    public const string DeadLetterQueue = "dead_letters";

    /// <summary>The <c>queue</c> tag of <c>depc.rejections.dropped</c> for Kafka rejections waiting for the team feed.</summary>
    public const string FeedQueue = "feed";

    private readonly Counter<long> _messages;
    private readonly Counter<long> _trimmedPeriods;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _writeDuration;
    private readonly Counter<long> _droppedReports;
    private readonly TimeProvider _time;
    private long _lastWriteAt;

    public DepcMetrics(IMeterFactory meterFactory, IConsumerLagSource lag, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(lag);
        var meter = meterFactory.Create(MeterName);
        _messages = meter.CreateCounter<long>("depc.messages", "{message}", "Messages ingested, by team and outcome");
        _trimmedPeriods = meter.CreateCounter<long>("depc.periods.trimmed", "{period}", "Old periods dropped to keep relationships within Depc:Limits:MaxPeriods, by team");
        _batchSize = meter.CreateHistogram<int>("depc.batch.size", "{message}", "Messages per written batch");
        _writeDuration = meter.CreateHistogram<double>("depc.batch.write.duration", "s", "Time to write a batch, retries included");
        _droppedReports = meter.CreateCounter<long>("depc.rejections.dropped", "{message}", "Rejection reports dropped because their queue held its byte budget, by team and queue");
        meter.CreateObservableGauge(
            "depc.consumer.lag",
            () => lag.GetLag().Select(static l => new Measurement<long>(
                l.Lag,
                new KeyValuePair<string, object?>("team", l.Team),
                new KeyValuePair<string, object?>("partition", l.Partition))),
            "{message}",
            "Messages of a partition not yet written");
    }

    /// <summary>When this instance last wrote a batch of messages (Unix seconds, any path), null before its first.</summary>
    public long? LastWriteAt => Volatile.Read(ref _lastWriteAt) is var at and > 0 ? at : null;

    public void BatchWritten(TeamName team, IngestReport report, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Received > 0)
        {
            Volatile.Write(ref _lastWriteAt, _time.GetUtcNow().ToUnixTimeSeconds());
        }

        var tag = new KeyValuePair<string, object?>("team", team.Value);
        Add(tag, "accepted", report.Accepted);
        Add(tag, "rejected", report.Rejected);
        Add(tag, "duplicate", report.Duplicates);
        if (report.TrimmedPeriods > 0)
        {
            _trimmedPeriods.Add(report.TrimmedPeriods, tag);
        }

        _batchSize.Record((int)report.Received, tag);
        _writeDuration.Record(elapsed.TotalSeconds, tag);
    }

    /// <summary>Counts rejection reports dropped from <paramref name="queue"/> (<see cref="DeadLetterQueue"/>, <see cref="FeedQueue"/>).</summary>
    public void ReportsDropped(TeamName team, string queue, long count)
    {
        if (count > 0)
        {
            _droppedReports.Add(count, new KeyValuePair<string, object?>("team", team.Value), new KeyValuePair<string, object?>("queue", queue));
        }
    }

    private void Add(KeyValuePair<string, object?> team, string outcome, long count)
    {
        if (count > 0)
        {
            _messages.Add(count, team, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }
}
