using System.Threading.Channels;
using Depc.Core.Ingestion;
using Depc.Core.Messages;
using Depc.Core.Storage;
using Depc.Kafka.Configuration;
using Depc.Kafka.DeadLetters;
using Depc.Kafka.Heartbeat;
using Depc.Kafka.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Depc.Kafka.Consuming;

/// <summary>
/// The Kafka ingestion service, in the order a message meets its parts: the consume thread (<see cref="ConsumeThread"/>:
/// poll, buffer, cut as <see cref="FlowControl"/> decides, start assigned partitions at their stored positions through
/// <see cref="PositionTracker"/>) → <see cref="WaitingBatches"/> → the write stage (<see cref="WriteStage"/>: merge a
/// team's waiting batches with <see cref="BatchMerger"/>, plan them, write them through the ingestion seam with their
/// positions and counts) → the positions recorded and stored for Kafka's commit (lag monitoring only); plus the
/// heartbeat. The store must be initialized by the host before the service starts.
/// </summary>
public sealed class KafkaIngestionWorker : BackgroundService
{
    private readonly IGraphStore _store;
    private readonly TimeProvider _time;
    private readonly KafkaOptions _options;
    private readonly StoreHealth _health;
    private readonly FeedRecording _feed;
    private readonly IRejectionSink _sink;
    private readonly DepcMetrics _metrics;
    private readonly ConsumerLagTracker _lag;
    private readonly ILogger<KafkaIngestionWorker> _logger;
    private readonly IngestLimits _limits;
    private readonly CancellationTokenSource _hardStop = new();

    internal KafkaIngestionWorker(
        IGraphStore store,
        TimeProvider time,
        IOptions<KafkaOptions> options,
        StoreHealth health,
        FeedRecording feed,
        IRejectionSink sink,
        DepcMetrics metrics,
        ConsumerLagTracker lag,
        ILogger<KafkaIngestionWorker> logger,
        IngestLimits limits)
    {
        _limits = limits;
        _store = store;
        _time = time;
        _options = options.Value;
        _health = health;
        _feed = feed;
        _sink = sink;
        _metrics = metrics;
        _lag = lag;
        _logger = logger;
    }

    /// <summary>
    /// Stops at once as a killed process would: nothing more written, stored or committed, the
    /// group not left. For crash-safety tests.
    /// </summary>
    internal void Crash() => _hardStop.Cancel();

    public override void Dispose()
    {
        _hardStop.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Log.Configured(_logger, _options.ToString());
        var hardStop = _hardStop.Token;
        using var waiting = new WaitingBatches();
        // One merged write waits while one is written: more would hold memory without making the store faster.
        var planned = Channel.CreateBounded<KafkaWrite>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var deadLetters = _options.DeadLetters ? new DeadLetterPublisher(_options, _metrics, _logger) : null;
        var retry = new StoreRetry(
            new StoreRetryOptions { BaseDelay = _options.RetryBaseDelay, MaxDelay = _options.RetryMaxDelay },
            _time,
            _health,
            new StoreRetryLog(_logger));
        var pipeline = new IngestPipeline(_store, new MessageDecoder(_options.MaxMessageBytes, _limits), retry);
        var positions = new PositionTracker(_store, _options.GroupId, _options.PositionReadTimeout, _logger, hardStop);
        using var consumer = new ConsumeThread(_options, waiting, positions, _lag, _time, _logger, hardStop);
        var writer = new WriteStage(
            pipeline,
            new BatchMerger(_options.MaxWriteMessages, _options.MaxWriteBytes),
            new RejectionReporter(_sink, deadLetters, _time, _logger),
            new WriteSettings(_options.GroupId, _feed),
            _metrics,
            _time,
            _logger);
        var liveness = _options.HeartbeatInterval * 3 > TimeSpan.FromSeconds(5) ? _options.HeartbeatInterval * 3 : TimeSpan.FromSeconds(5);
        var heartbeat = new HeartbeatWriter(_store, _time, _options.HeartbeatInterval, () => consumer.LastPoll != 0 && _time.GetElapsedTime(consumer.LastPoll) < liveness, _logger);

        using var heartbeatStop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, hardStop);
        var planTask = writer.PlanAsync(waiting, planned.Writer, hardStop);
        var writeTask = writer.WriteAsync(planned.Reader, hardStop);
        var heartbeatTask = heartbeat.RunAsync(heartbeatStop.Token);
        var writerDied = false;
        var consumeTask = Task.Factory.StartNew(() => consumer.Run(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            // The planner or the writer ending before the consume thread (faulted, or cancelled by an exception that
            // is not ours) must stop consumption too: otherwise the thread goes on polling while nothing is written,
            // and at shutdown or revocation waits for batches nobody will finish.
            var first = await Task.WhenAny(consumeTask, planTask, writeTask).ConfigureAwait(false);
            // (They also end first, having run to completion, in the instant after a clean stop of the thread.)
            writerDied = first != consumeTask && (first.IsFaulted || first.IsCanceled) && !hardStop.IsCancellationRequested;
            if (writerDied)
            {
                await _hardStop.CancelAsync().ConfigureAwait(false);
            }

            await consumeTask.ConfigureAwait(false);
        }
        finally
        {
            await heartbeatStop.CancelAsync().ConfigureAwait(false);
            await Settle(planTask).ConfigureAwait(false);
            await Settle(writeTask).ConfigureAwait(false);
            await Settle(heartbeatTask).ConfigureAwait(false);
        }

        if (writeTask.IsFaulted)
        {
            await writeTask.ConfigureAwait(false);
        }

        if (planTask.IsFaulted)
        {
            await planTask.ConfigureAwait(false);
        }

        if (writerDied && !writeTask.IsFaulted && !planTask.IsFaulted)
        {
            throw new InvalidOperationException("The Kafka write stage stopped unexpectedly: consumption stopped, nothing after the last written batch was committed.");
        }
    }

    private static async Task Settle(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped by the hard stop or shutdown: expected.
        }
        catch (Exception)
        {
            // Already logged where it happened; ExecuteAsync rethrows the writer's failure below.
        }
    }
}
