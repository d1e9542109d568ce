using System.Text.RegularExpressions;
using Confluent.Kafka;
using Microsoft.Extensions.Options;

namespace Depc.Kafka.Configuration;

/// <summary>Checks <see cref="KafkaOptions"/> at start, so a bad setting fails <c>depc serve</c> at once, not at the first message.</summary>
internal sealed class KafkaOptionsValidator : IValidateOptions<KafkaOptions>
{
    public ValidateOptionsResult Validate(string? name, KafkaOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.BootstrapServers))
        {
            errors.Add("Depc:Kafka:BootstrapServers is required");
        }

        if (string.IsNullOrWhiteSpace(options.GroupId))
        {
            errors.Add("Depc:Kafka:GroupId must not be empty");
        }

        if (!options.TopicPattern.StartsWith('^'))
        {
            errors.Add("Depc:Kafka:TopicPattern must start with '^' (a topic regex)");
        }
        else if (!IsRegex(options.TopicPattern))
        {
            errors.Add("Depc:Kafka:TopicPattern is not a valid regular expression");
        }

        Positive(errors, options.MaxBatchMessages, nameof(options.MaxBatchMessages));
        Positive(errors, options.MaxBatchBytes, nameof(options.MaxBatchBytes));
        Positive(errors, options.MaxPendingBatches, nameof(options.MaxPendingBatches));
        Positive(errors, options.MaxWriteMessages, nameof(options.MaxWriteMessages));
        Positive(errors, options.MaxWriteBytes, nameof(options.MaxWriteBytes));
        Positive(errors, options.MaxMessageBytes, nameof(options.MaxMessageBytes));
        Positive(errors, options.MaxBatchDelay, nameof(options.MaxBatchDelay));
        Positive(errors, options.CommitInterval, nameof(options.CommitInterval));
        Positive(errors, options.TopicRefreshInterval, nameof(options.TopicRefreshInterval));
        if (options.DeadLetterQueueBytes < DeadLetters.DeadLetterHeaders.MaxPayloadBytes * 2L)
        {
            errors.Add($"Depc:Kafka:DeadLetterQueueBytes must be at least {DeadLetters.DeadLetterHeaders.MaxPayloadBytes * 2L} (two letters of the largest payload)");
        }
        Positive(errors, options.HeartbeatInterval, nameof(options.HeartbeatInterval));
        Positive(errors, options.RetryBaseDelay, nameof(options.RetryBaseDelay));
        Positive(errors, options.RevocationTimeout, nameof(options.RevocationTimeout));
        Positive(errors, options.ShutdownTimeout, nameof(options.ShutdownTimeout));
        Positive(errors, options.PositionReadTimeout, nameof(options.PositionReadTimeout));
        if (options.SessionTimeout is { } session && options.GroupHeartbeatInterval is { } beat && beat >= session)
        {
            errors.Add("Depc:Kafka:GroupHeartbeatInterval must be shorter than SessionTimeout (a third of it at most is usual)");
        }

        if (options.GroupInstanceId is { Length: 0 })
        {
            errors.Add("Depc:Kafka:GroupInstanceId must not be empty when set");
        }
        if (options.RetryMaxDelay < options.RetryBaseDelay)
        {
            errors.Add("Depc:Kafka:RetryMaxDelay must not be shorter than RetryBaseDelay");
        }

        var sasl = options.SecurityProtocol is SecurityProtocol.SaslSsl or SecurityProtocol.SaslPlaintext;
        if (sasl && (options.SaslMechanism is null || string.IsNullOrEmpty(options.SaslUsername) || string.IsNullOrEmpty(options.SaslPassword)))
        {
            errors.Add("Depc:Kafka: SASL needs SaslMechanism, SaslUsername and SaslPassword");
        }

        // The consumer pauses and resumes whole assignments; an incremental (cooperative) rebalance would
        // leave the partitions it keeps paused for good.
        if (options.Client.TryGetValue("partition.assignment.strategy", out var strategy)
            && strategy.Contains("cooperative", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("Depc:Kafka:Client:partition.assignment.strategy cannot be cooperative: Depc needs eager rebalancing (range or roundrobin)");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void Positive(List<string> errors, int value, string name)
    {
        if (value <= 0)
        {
            errors.Add($"Depc:Kafka:{name} must be positive");
        }
    }

    private static void Positive(List<string> errors, TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"Depc:Kafka:{name} must be positive");
        }
    }
}
