using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Depc.Cli.Input;
using Depc.Cli.Progress;
using Depc.Core.Ingestion;
using Depc.Core.Messages;
using Depc.Core.Naming;
using Depc.Kafka.Configuration;
using Depc.Kafka.Producing;
using Depc.Server.Options;
using Microsoft.Extensions.Configuration;

namespace Depc.Cli.Commands;

/// <summary>
/// <c>depc push</c>: a team's producer. Reads NDJSON like <c>depc ingest</c>, validates each message
/// with the same decoder the service uses, sends the valid ones to <c>depc.&lt;team&gt;</c> and reports
/// the invalid ones (not sent). Kafka security settings come from <c>DEPC_KAFKA__*</c> variables.
/// </summary>
internal static class PushCommand
{
    public const string EnvironmentPrefix = "DEPC_";

    public static Command Create() => Create(CliConsole.System);

    public static Command Create(CliConsole console)
    {
        var team = CliOptions.Team();
        var bootstrap = new Option<string?>("--bootstrap-servers")
        {
            Description = "Kafka bootstrap servers (default: $DEPC_KAFKA__BOOTSTRAPSERVERS, else localhost:9092). " +
                "SASL/SSL: DEPC_KAFKA__SECURITYPROTOCOL, __SASLMECHANISM, __SASLUSERNAME, __SASLPASSWORD, __SSLCALOCATION",
        };
        var format = new Option<string?>("--format") { Description = "Rewrite each message nested or flat before sending (default: sent as read)" };
        format.AcceptOnlyFromAmong("nested", "flat");
        var rejections = new Option<FileInfo?>("--rejections") { Description = "Write rejections (one JSON line each) to this file instead of stderr" };
        var files = new Argument<string[]>("FILE") { Description = "NDJSON files, one message per line (none or - reads stdin)", Arity = ArgumentArity.ZeroOrMore };
        var progress = new ProgressOptions();
        var command = new Command("push", "Validate a team's NDJSON messages and produce the valid ones to its Kafka topic") { team, bootstrap, format, rejections, progress.Progress, progress.Quiet, files };
        command.SetAction((result, cancellationToken) => CliAction.RunAsync(console, async () =>
        {
            var teamName = CliOptions.TeamValue(result, team);
            var options = KafkaOptionsFromEnvironment();
            options.BootstrapServers = result.GetValue(bootstrap) ?? options.BootstrapServers ?? "localhost:9092";
            var pushFormat = result.GetValue(format) switch
            {
                "nested" => PushFormat.Nested,
                "flat" => PushFormat.Flat,
                _ => PushFormat.AsIs,
            };
            var sources = result.GetValue(files) is { Length: > 0 } given ? given : ["-"];
            foreach (var name in sources.Where(s => s != "-" && !File.Exists(s)))
            {
                throw new IOException($"cannot read '{name}': no such file");
            }

            var counter = new ProgressCounter { TotalBytes = ProgressOptions.TotalBytes(sources) };
            using var reporter = ProgressOptions.Start(progress.Wanted(result, console), "depc push", counter, console);
            var rejectionFile = result.GetValue(rejections);
            var rejectionWriter = rejectionFile is null ? reporter?.Writer ?? console.Error : new StreamWriter(rejectionFile.FullName);
            try
            {
                using var producer = new TeamProducer(options);
                var sink = new PushSink(producer, teamName, pushFormat, new MessageDecoder(limits: LimitsSettings.FromEnvironment()), rejectionWriter, reporter is null ? null : counter);
                var splitter = new NdjsonSplitter(MessageDecoder.DefaultMaxMessageBytes);
                foreach (var source in sources)
                {
                    sink.Source = source == "-" ? "stdin" : source;
                    var input = source == "-" ? console.OpenStandardInput() : File.OpenRead(source);
                    var stream = reporter is null ? input : new CountingStream(input, counter);
                    await using (stream.ConfigureAwait(false))
                    {
                        await splitter.ReadAsync(stream, sink, cancellationToken).ConfigureAwait(false);
                    }

                    await sink.FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                await producer.FlushAsync(cancellationToken).ConfigureAwait(false);
                reporter?.Complete();
                var summary = new PushSummary(sink.Received, producer.Delivered, sink.Rejected, producer.Failed);
                await console.Out.WriteLineAsync(JsonSerializer.Serialize(summary, CliJson.Options)).ConfigureAwait(false);
                if (producer.FirstError is { } error)
                {
                    await console.Error.WriteLineAsync("depc: kafka: " + error).ConfigureAwait(false);
                    return ExitCodes.Failure;
                }

                return ExitCodes.Ok;
            }
            finally
            {
                if (rejectionFile is not null)
                {
                    await rejectionWriter.DisposeAsync().ConfigureAwait(false);
                }
            }
        }));
        return command;
    }

    /// <summary><c>DEPC_KAFKA__X</c> variables, as <c>depc serve</c> reads them.</summary>
    private static KafkaOptions KafkaOptionsFromEnvironment()
    {
        var options = new KafkaOptions();
        new ConfigurationBuilder().AddEnvironmentVariables(EnvironmentPrefix).Build().GetSection("Kafka").Bind(options);
        return options;
    }

    private sealed record PushSummary(
        [property: JsonPropertyName("received")] long Received,
        [property: JsonPropertyName("sent")] long Sent,
        [property: JsonPropertyName("rejected")] long Rejected,
        [property: JsonPropertyName("failed")] long Failed);

    /// <summary>Validates each line as it is read and queues the valid ones on the producer.</summary>
    private sealed class PushSink(TeamProducer producer, TeamName team, PushFormat format, MessageDecoder decoder, TextWriter rejections, ProgressCounter? progress) : ILineSink
    {
        private readonly List<RejectionLine> _pending = [];

        public string Source { get; set; } = "stdin";

        public long Received { get; private set; }

        public long Rejected { get; private set; }

        public bool OnLine(long number, ReadOnlySpan<byte> line)
        {
            Received++;
            progress?.AddMessages(1);
            var decoded = decoder.Decode(line);
            if (decoded.Message is { } message)
            {
                producer.Send(team, message, line, format);
                return false;
            }

            return Reject(number, decoded.Rejection!.Reason, PayloadText.Truncate(line));
        }

        public bool OnOversized(long number, long length, ReadOnlySpan<byte> start)
        {
            Received++;
            progress?.AddMessages(1);
            return Reject(number, decoder.Oversized(length).Reason, PayloadText.Truncate(start));
        }

        public async Task FlushAsync(CancellationToken cancellationToken)
        {
            foreach (var rejection in _pending)
            {
                await rejections.WriteLineAsync(JsonSerializer.Serialize(rejection, CliJson.Options).AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            _pending.Clear();
        }

        private bool Reject(long number, string reason, string payload)
        {
            Rejected++;
            _pending.Add(new RejectionLine(number, Source, reason, payload));
            return _pending.Count >= 1000;
        }
    }
}
