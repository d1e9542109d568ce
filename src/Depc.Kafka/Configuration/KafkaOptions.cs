using Confluent.Kafka;

namespace Depc.Kafka.Configuration;

/// <summary>
/// Kafka settings of the ingestion service, bound from the configuration section
/// <c>Depc:Kafka</c> (<see cref="SectionName"/>). Every default is the value a plain
/// <c>depc serve</c> gets; durations are <see cref="TimeSpan"/>s ("00:00:05").
/// </summary>
public sealed class KafkaOptions
{
    public const string SectionName = "Depc:Kafka";

    /// <summary>The SPEC §2 team topic pattern.</summary>
    public const string DefaultTopicPattern = @"^depc\.[A-Za-z0-9-]+$";

    /// <summary>Comma-separated <c>host:port</c> list; Kafka consumption is on when it is set.</summary>
    public string? BootstrapServers { get; set; }

    /// <summary>Consumer group shared by every <c>depc serve</c> instance. Default <c>depc</c>.</summary>
    public string GroupId { get; set; } = "depc";

    /// <summary>Client id sent to the brokers (quotas, broker logs). Default <c>depc</c>.</summary>
    public string ClientId { get; set; } = "depc";

    /// <summary>Regex of the topics to consume; must start with <c>^</c>. Default <see cref="DefaultTopicPattern"/>.</summary>
    public string TopicPattern { get; set; } = DefaultTopicPattern;

    /// <summary>Where a new group starts. Default <see cref="AutoOffsetReset.Earliest"/>: nothing a team sent before is skipped.</summary>
    public AutoOffsetReset AutoOffsetReset { get; set; } = AutoOffsetReset.Earliest;

    /// <summary>Default <see cref="SecurityProtocol.Plaintext"/>; a real cluster uses <c>SaslSsl</c>.</summary>
    public SecurityProtocol SecurityProtocol { get; set; } = SecurityProtocol.Plaintext;

    /// <summary>SASL mechanism (<c>Plain</c>, <c>ScramSha256</c>, <c>ScramSha512</c>), when the protocol is SASL.</summary>
    public SaslMechanism? SaslMechanism { get; set; }

    public string? SaslUsername { get; set; }

    /// <summary>Never logged nor shown by <see cref="ToString"/>.</summary>
    public string? SaslPassword { get; set; }

    /// <summary>File or directory of CA certificates to verify the brokers with (PEM).</summary>
    public string? SslCaLocation { get; set; }

    /// <summary>
    /// Cut a partition's batch at this many messages. Default 1,000: batches of a team are merged into larger
    /// store transactions anyway (<see cref="MaxWriteMessages"/>), so this mostly bounds what each assigned
    /// partition holds in memory before its batch is cut.
    /// </summary>
    public int MaxBatchMessages { get; set; } = 1_000;

    /// <summary>Cut a partition's batch at this many payload bytes. Default 4 MiB.</summary>
    public int MaxBatchBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Cut a partition's batch when its first message waited this long. Default 200 ms.</summary>
    public TimeSpan MaxBatchDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Cut batches waiting to be written; when full, consumption pauses (bounded memory). Default 32: with
    /// <see cref="MaxBatchMessages"/>, enough for one full merged write to wait while the previous one is written.
    /// </summary>
    public int MaxPendingBatches { get; set; } = 32;

    /// <summary>
    /// The batches of one team waiting to be written (any of its partitions) are merged into one store
    /// transaction of at most this many messages: fewer, larger transactions. Default 30,000 (SQLite apply of the
    /// 1M-message bench: 22 s in transactions of 5,000, 9 s of 20,000, 8.5 s of 40,000; beyond, memory grows
    /// faster than speed).
    /// </summary>
    public int MaxWriteMessages { get; set; } = 30_000;

    /// <summary>Payload bytes limit of one merged store transaction. Default 32 MiB.</summary>
    public int MaxWriteBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Messages larger than this are rejected (SPEC §3). Default 1 MiB.</summary>
    public int MaxMessageBytes { get; set; } = 1024 * 1024;

    /// <summary>How often written offsets are committed to Kafka. Default 1 s.</summary>
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often new team topics are looked for. Default 10 s.</summary>
    public TimeSpan TopicRefreshInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Group session timeout: how long the group waits for a member that stopped heartbeating (killed, cut off)
    /// before its partitions go to the others, or to its own restart. Default 6 s, the least a broker accepts by
    /// default (<c>group.min.session.timeout.ms</c>): a restart after a crash consumes again within seconds instead of
    /// librdkafka's 45 s. Heartbeats come from librdkafka's own thread, so long store writes and garbage collections do
    /// not stop them; only a process frozen as a whole for longer than this is evicted (a rebalance, nothing lost).
    /// Null keeps the client's default.
    /// </summary>
    public TimeSpan? SessionTimeout { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>How often the member heartbeats the group coordinator (<c>heartbeat.interval.ms</c>). Default 1 s: a sixth of the session.</summary>
    public TimeSpan? GroupHeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Static membership (<c>group.instance.id</c>), one stable id per instance (e.g. <c>depc-1</c>): a real broker
    /// then gives a member restarted within the session timeout its partitions back without a rebalance, so the
    /// session timeout can be raised safely. Off by default (every instance would need its own id).
    /// </summary>
    public string? GroupInstanceId { get; set; }

    /// <summary>How long an assignment waits to read the partitions' stored positions before starting from Kafka's committed offsets instead. Default 10 s.</summary>
    public TimeSpan PositionReadTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Heartbeat of SPEC §4, written through the store while consuming. Default 5 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>First delay before retrying a transient store failure (exponential, jittered). Default 200 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest delay between two store retries. Default 30 s.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>On partition revocation, how long the batches in hand may take to be written before they are abandoned uncommitted. Default 30 s.</summary>
    public TimeSpan RevocationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>On shutdown, how long the batches in hand may take to be written before they are abandoned uncommitted. Default 10 s.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Forward rejected messages to <c>depc.&lt;team&gt;.rejected</c>. Default off.</summary>
    public bool DeadLetters { get; set; }

    /// <summary>
    /// Bytes of dead letters handed to the producer and not yet delivered (payloads as cut, reasons, headers); letters
    /// beyond are dropped and counted (<c>depc.rejections.dropped</c>), so a flood of rejections or an unreachable broker
    /// neither grows memory nor holds ingestion back. Default 64 MiB.
    /// </summary>
    public long DeadLetterQueueBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Extra librdkafka properties (e.g. <c>ssl.certificate.location</c>), applied last.</summary>
    public Dictionary<string, string> Client { get; } = new(StringComparer.Ordinal);

    public ConsumerConfig BuildConsumerConfig()
    {
        var config = new ConsumerConfig
        {
            GroupId = GroupId,
            AutoOffsetReset = AutoOffsetReset,
            // Offsets are stored by the writer only after the store transaction committed (for lag monitoring: the
            // positions that count are the store's, written in that transaction).
            EnableAutoOffsetStore = false,
            EnableAutoCommit = true,
            AutoCommitIntervalMs = Milliseconds(CommitInterval),
            TopicMetadataRefreshIntervalMs = Milliseconds(TopicRefreshInterval),
            EnablePartitionEof = false,
            MessageMaxBytes = Math.Max(1_000_000, MaxMessageBytes + 64 * 1024),
            // The consume thread reads topic, partition, offset, timestamp (each message's "now") and value: no headers.
            ConsumeResultFields = "topic,timestamp",
            GroupInstanceId = GroupInstanceId,
        };
        if (SessionTimeout is { } session)
        {
            config.SessionTimeoutMs = Milliseconds(session);
            config.HeartbeatIntervalMs = GroupHeartbeatInterval is { } beat ? Milliseconds(beat) : Math.Max(100, Milliseconds(session) / 3);
        }

        Apply(config);
        return config;
    }

    public ProducerConfig BuildProducerConfig()
    {
        var config = new ProducerConfig
        {
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            CompressionType = CompressionType.Lz4,
        };
        Apply(config);
        return config;
    }

    public override string ToString() =>
        $"bootstrap={BootstrapServers}, group={GroupId}, client={ClientId}, pattern={TopicPattern}, " +
        $"security={SecurityProtocol}, sasl={SaslMechanism?.ToString() ?? "-"}, user={SaslUsername ?? "-"}, " +
        $"password={(string.IsNullOrEmpty(SaslPassword) ? "-" : "***")}, ca={SslCaLocation ?? "-"}, " +
        $"batch={MaxBatchMessages} msgs/{MaxBatchBytes} B/{MaxBatchDelay.TotalMilliseconds} ms, write={MaxWriteMessages} msgs/{MaxWriteBytes} B, dead-letters={DeadLetters}, " +
        $"session={SessionTimeout?.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default"} ms, instance={GroupInstanceId ?? "-"}";

    private static int Milliseconds(TimeSpan span) => (int)Math.Clamp(span.TotalMilliseconds, 1, int.MaxValue);

    private void Apply(ClientConfig config)
    {
        config.BootstrapServers = BootstrapServers;
        config.ClientId = ClientId;
        config.SecurityProtocol = SecurityProtocol;
        if (SaslMechanism is { } mechanism)
        {
            config.SaslMechanism = mechanism;
        }

        config.SaslUsername = SaslUsername;
        config.SaslPassword = SaslPassword;
        config.SslCaLocation = SslCaLocation;
        foreach (var (key, value) in Client)
        {
            config.Set(key, value);
        }
    }
}
