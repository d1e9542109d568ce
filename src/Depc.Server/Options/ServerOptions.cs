using System.ComponentModel.DataAnnotations;
using Depc.Core.Messages;

namespace Depc.Server.Options;

/// <summary>The HTTP service's settings, section <c>Depc</c>; validated at start.</summary>
public sealed class ServerOptions : IValidatableObject
{
    public const string Section = "Depc";

    /// <summary>Where the graph lives: <c>sqlite:PATH</c> or <c>neo4j:http://…</c> (see <see cref="Stores.StoreSpec"/>). Environment <c>DEPC_STORE</c> overrides.</summary>
    [Required]
    public string Store { get; set; } = "sqlite:depc.db";

    /// <summary>The token that manages teams and reads every team; none means no admin API. Environment <c>DEPC_ADMIN_TOKEN</c> overrides.</summary>
    public string? AdminToken { get; set; }

    /// <summary>
    /// Teams and rejection feeds live in the store in use (the SQLite file, or Neo4j). With a Neo4j store, a teams file
    /// of an earlier Depc at this path, when it exists, has its teams copied into Neo4j at start; nothing is written to it.
    /// </summary>
    [Required]
    public string TeamsDatabase { get; set; } = "depc-teams.db";

    /// <summary>The largest body <c>POST …/messages</c> accepts (default 16 MiB); larger gets 413.</summary>
    [Range(1024, 1L << 30)]
    public long MaxRequestBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>
    /// The most messages one request may carry (default 10,000): a request is written in one transaction, and every
    /// team's writes wait for the one in progress, so this bounds how long one team's request can hold up the others
    /// (about 0.1 s for 10,000 messages on two cores; 100,000 took 0.5 to 1 s).
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxMessagesPerRequest { get; set; } = 10_000;

    /// <summary>The largest single message (default 1 MiB, as on the Kafka path).</summary>
    [Range(16, 1 << 30)]
    public int MaxMessageBytes { get; set; } = MessageDecoder.DefaultMaxMessageBytes;

    /// <summary>
    /// How many ingest requests are decoded and written at once (default: the number of cores, at least 2); the
    /// others wait their turn with only their body in memory, a freed slot going to the waiting teams in turn (one
    /// team's queue does not hold another team's request behind it). The store has one writer anyway: more in flight
    /// only adds memory and CPU contention (measured: 32 concurrent batches ingest half as fast as 2).
    /// </summary>
    [Range(1, 1024)]
    public int MaxConcurrentIngests { get; set; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>
    /// How many rejections the answer to <c>POST …/messages</c> lists (default 100); the counts stay exact and
    /// <c>rejections_not_listed</c> says how many more there were (the team's feed has them).
    /// </summary>
    [Range(0, 100_000)]
    public int MaxListedRejections { get; set; } = 100;

    /// <summary>
    /// The slowest a request body may arrive, in bytes per second, once <see cref="MinRequestBodyGracePeriod"/> has passed
    /// (default 240, Kestrel's own): a client that stalls or trickles its body is answered 408 and its connection closed,
    /// instead of holding a connection, a team's ingest slot and a buffer for as long as it likes.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int MinRequestBodyBytesPerSecond { get; set; } = 240;

    /// <summary>How long a request body may arrive at any pace before <see cref="MinRequestBodyBytesPerSecond"/> applies (default 5 s).</summary>
    public TimeSpan MinRequestBodyGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The slowest a client may read an answer, in bytes per second, after a grace of 5 s (default 240, Kestrel's own):
    /// a client that stops reading a streamed answer has its connection closed.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int MinResponseBytesPerSecond { get; set; } = 240;

    /// <summary>How long a client may take to send a request's headers (default 30 s, Kestrel's own); then the connection is closed.</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many ingest requests one team may have in progress at once, from reading its body to its answer (default 4);
    /// more wait (see <see cref="TeamIngestQueueLimit"/>). Bounds the bodies a team holds in memory to this many times
    /// <see cref="MaxRequestBytes"/>, whatever it sends.
    /// </summary>
    [Range(1, 1024)]
    public int TeamMaxConcurrentIngests { get; set; } = 4;

    /// <summary>
    /// How many more ingest requests of one team may wait, body unread, for one of its <see cref="TeamMaxConcurrentIngests"/>
    /// (default 64, oldest first); beyond that it is answered 429 with <c>Retry-After</c>.
    /// </summary>
    [Range(0, 100_000)]
    public int TeamIngestQueueLimit { get; set; } = 64;

    /// <summary>
    /// How many ingest requests per second one team may send on average (default 200, a token bucket refilled every
    /// second); beyond it and its <see cref="TeamIngestBurst"/>, 429 with <c>Retry-After</c>.
    /// </summary>
    [Range(1, 1_000_000)]
    public int TeamIngestRequestsPerSecond { get; set; } = 200;

    /// <summary>How many ingest requests one team may send at once above its rate (the token bucket's size; default 400).</summary>
    [Range(1, 1_000_000)]
    public int TeamIngestBurst { get; set; } = 400;

    /// <summary>How long an <c>Idempotency-Key</c> and its answer are kept (default and least 24 hours, SPEC §5).</summary>
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How many rejections the feed keeps per team (default 1,000).</summary>
    [Range(1, 1_000_000)]
    public int RejectionRetention { get; set; } = 1000;

    /// <summary>
    /// How long a token's lookup is remembered (default 5 s, at most <see cref="MaxTokenCacheDuration"/>): a rotated or
    /// deleted token stops working on the other instances sharing the store within this time (at once on the instance
    /// that changed it).
    /// </summary>
    public TimeSpan TokenCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest <see cref="TokenCacheDuration"/> allowed: how long, at worst, a revoked token keeps working somewhere.</summary>
    public static readonly TimeSpan MaxTokenCacheDuration = TimeSpan.FromMinutes(1);

    /// <summary>How often each instance writes its beat (id, host, partitions, last write) to the store (default 5 s).</summary>
    public TimeSpan InstanceBeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Create <c>depc.&lt;team&gt;</c> when a team is created (default off): needs Kafka admin rights, and uses
    /// the <c>Depc:Kafka</c> connection settings.
    /// </summary>
    public bool CreateTeamTopics { get; set; }

    /// <summary>
    /// Make the <c>demo</c> team at start, with an example infrastructure in its graph when that is empty (default off;
    /// <c>depc serve --demo</c> turns it on and prints a sign-in link).
    /// </summary>
    public bool Demo { get; set; }

    /// <summary>The page size of <c>…/impacted</c> when <c>limit</c> is not given (25, as in the original system).</summary>
    [Range(1, 1_000_000)]
    public int DefaultImpactedLimit { get; set; } = 25;

    /// <summary>How many entries each list of <c>…/diff</c> holds when <c>limit</c> is not given (default 1,000).</summary>
    [Range(1, 1_000_000)]
    public int DefaultDiffLimit { get; set; } = 1000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AdminToken is { Length: > 0 and < 16 })
        {
            yield return new ValidationResult("Depc:AdminToken must be at least 16 characters", [nameof(AdminToken)]);
        }

        if (IdempotencyRetention < TimeSpan.FromHours(24))
        {
            yield return new ValidationResult("Depc:IdempotencyRetention must be at least 24 hours (00:24:00:00 or more)", [nameof(IdempotencyRetention)]);
        }

        // Kestrel checks rates once a second: it refuses a grace period of 1 s or less.
        if (MinRequestBodyGracePeriod <= TimeSpan.FromSeconds(1) || MinRequestBodyGracePeriod > TimeSpan.FromMinutes(10))
        {
            yield return new ValidationResult("Depc:MinRequestBodyGracePeriod must be more than 1 second (00:00:01) and at most 10 minutes (00:10:00)", [nameof(MinRequestBodyGracePeriod)]);
        }

        if (RequestHeadersTimeout < TimeSpan.FromSeconds(1) || RequestHeadersTimeout > TimeSpan.FromMinutes(10))
        {
            yield return new ValidationResult("Depc:RequestHeadersTimeout must be between 1 second (00:00:01) and 10 minutes (00:10:00)", [nameof(RequestHeadersTimeout)]);
        }

        if (TokenCacheDuration < TimeSpan.Zero || TokenCacheDuration > MaxTokenCacheDuration)
        {
            yield return new ValidationResult("Depc:TokenCacheDuration must be between 0 and 1 minute (00:01:00)", [nameof(TokenCacheDuration)]);
        }

        if (InstanceBeatInterval < TimeSpan.FromMilliseconds(100) || InstanceBeatInterval > TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult("Depc:InstanceBeatInterval must be between 00:00:00.1 and 00:05:00", [nameof(InstanceBeatInterval)]);
        }

        if (!Stores.StoreSpec.TryParse(Store, out _, out var storeError))
        {
            yield return new ValidationResult("Depc:Store: " + storeError, [nameof(Store)]);
        }
    }
}
