using System.Threading.Channels;
using Depc.Core.Ingestion;
using Depc.Core.Messages;
using Depc.Core.Storage;
using Depc.Kafka.Configuration;
using Depc.Kafka.DeadLetters;
using Depc.Kafka.Heartbeat;
using Depc.Kafka.Retrying;
using Depc.Kafka.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Depc.Kafka.Consuming;

/// <summary>
/// The Kafka ingestion service: a consume thread (<see cref="ConsumeLoop"/>) → bounded channel →
/// merge, decode and plan → write (<see cref="BatchWriter"/>) → offsets stored → committed; plus the heartbeat.
/// The store must be initialized by the host before the service starts.
/// </summary>
public sealed class KafkaIngestionWorker : BackgroundService
{
    private readonly IGraphStore _store;
    private readonly TimeProvider _time;
    private readonly KafkaOptions _options;
    private readonly IngestionStatistics _statistics;
    private readonly IRejectionSink _sink;
    private readonly DepcMetrics _metrics;
    private readonly ConsumerLagTracker _lag;
    private readonly ILogger<KafkaIngestionWorker> _logger;
    private readonly CancellationTokenSource _hardStop = new();

    internal KafkaIngestionWorker(
        IGraphStore store,
        TimeProvider time,
        IOptions<KafkaOptions> options,
        IngestionStatistics statistics,
        IRejectionSink sink,
        DepcMetrics metrics,
        ConsumerLagTracker lag,
        ILogger<KafkaIngestionWorker> logger)
    {
        _store = store;
        _time = time;
        _options = options.Value;
        _statistics = statistics;
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
        var raw = Channel.CreateBounded<PendingBatch>(new BoundedChannelOptions(_options.MaxPendingBatches) { SingleReader = true, SingleWriter = true });
        // One merged write waits while one is written: more would hold memory without making the store faster.
        var decoded = Channel.CreateBounded<DecodedWork>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var deadLetters = _options.DeadLetters ? new DeadLetterPublisher(_options, _logger) : null;
        var pipeline = new IngestPipeline(_store, new MessageDecoder(_options.MaxMessageBytes), _time);
        var retry = StoreRetryPolicy.Create(_options.RetryBaseDelay, _options.RetryMaxDelay, _time, _logger);
        using var loop = new ConsumeLoop(_options, raw, _lag, _time, _logger, hardStop);
        var writer = new BatchWriter(
            pipeline,
            new BatchMerger(_options.MaxWriteMessages, _options.MaxWriteBytes),
            new BisectingApplier(pipeline, retry, _logger),
            loop,
            new RejectionReporter(_sink, deadLetters, _time, _logger),
            _statistics,
            _metrics,
            _time,
            _logger);
        var liveness = _options.HeartbeatInterval * 3 > TimeSpan.FromSeconds(5) ? _options.HeartbeatInterval * 3 : TimeSpan.FromSeconds(5);
        var heartbeat = new HeartbeatWriter(_store, _time, _options.HeartbeatInterval, () => loop.LastPoll != 0 && _time.GetElapsedTime(loop.LastPoll) < liveness, _logger);

        using var heartbeatStop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, hardStop);
        var decodeTask = writer.DecodeAsync(raw.Reader, decoded.Writer, hardStop);
        var writeTask = writer.WriteAsync(decoded.Reader, hardStop);
        var heartbeatTask = heartbeat.RunAsync(heartbeatStop.Token);
        var writerDied = false;
        var consumeTask = Task.Factory.StartNew(() => loop.Run(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            // The decoder or the writer ending before the consume loop (faulted, or cancelled by an exception that
            // is not ours) must stop consumption too: otherwise the loop goes on polling while nothing is written,
            // and at shutdown or revocation waits forever for batches nobody will finish.
            var first = await Task.WhenAny(consumeTask, decodeTask, writeTask).ConfigureAwait(false);
            // (They also end first, having run to completion, in the instant after a clean stop of the loop.)
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
            await Settle(decodeTask).ConfigureAwait(false);
            await Settle(writeTask).ConfigureAwait(false);
            await Settle(heartbeatTask).ConfigureAwait(false);
        }

        if (writeTask.IsFaulted)
        {
            await writeTask.ConfigureAwait(false);
        }

        if (decodeTask.IsFaulted)
        {
            await decodeTask.ConfigureAwait(false);
        }

        if (writerDied && !writeTask.IsFaulted && !decodeTask.IsFaulted)
        {
            throw new InvalidOperationException("The Kafka batch writer stopped unexpectedly: consumption stopped, nothing after the last written batch was committed.");
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
