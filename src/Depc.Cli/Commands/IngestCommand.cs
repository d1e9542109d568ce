using System.CommandLine;
using Depc.Cli.Input;
using Depc.Cli.Progress;
using Depc.Core.Ingestion;
using Depc.Core.Messages;
using Depc.Core.Storage;
using Depc.Server.Options;

namespace Depc.Cli.Commands;

/// <summary><c>depc ingest</c>: NDJSON files (or stdin) into the graph, streamed in batches, then one summary line.</summary>
internal static class IngestCommand
{
    public const int BatchMessages = 20_000;
    public const int BatchBytes = 4 * 1024 * 1024;

    /// <summary>
    /// The first batch when batches share the store's transaction: the writer starts while the reader's code is still
    /// cold instead of waiting for a full batch (whole process, 7 rounds against 90762ec: 20,000 messages 0.66 s instead
    /// of 0.72 s, each round faster; 200,000 messages 1.96 s instead of 2.08 s). A store that commits each batch alone
    /// (Neo4j) starts with full batches: 30,000 events in five transactions cost its server 3.01 s of CPU instead of 2.09 s in two.
    /// </summary>
    public const int FirstBatchMessages = 1_000;

    public static Command Create(CliConsole console)
    {
        var store = CliOptions.Store();
        var team = CliOptions.Team();
        var rejections = new Option<FileInfo?>("--rejections") { Description = "Write rejections (one JSON line each) to this file instead of stderr" };
        var now = CliOptions.Integer("--now", "The Unix seconds a message without rel bounds takes as its from (default: the start of this run)");
        var files = new Argument<string[]>("FILE") { Description = "NDJSON files, one message per line (none or - reads stdin)", Arity = ArgumentArity.ZeroOrMore };
        var progress = new ProgressOptions();
        var command = new Command("ingest", "Apply a team's messages from NDJSON files to the graph") { store, team, rejections, now, progress.Progress, progress.Quiet, files };
        command.SetAction((result, cancellationToken) => CliAction.RunAsync(console, () =>
        {
            // Bad arguments and missing files fail before the store or the rejections file is touched.
            var teamName = CliOptions.TeamValue(result, team);
            var runNow = CliOptions.NonNegative(result, now) ?? TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
            var sources = result.GetValue(files) is { Length: > 0 } given ? given : ["-"];
            CheckReadable(sources);
            var showProgress = progress.Wanted(result, console);
            return CliAction.WithStoreAsync(
                console,
                result.GetValue(store),
                async graph =>
                {
                    var counter = new ProgressCounter { TotalBytes = ProgressOptions.TotalBytes(sources) };
                    using var reporter = ProgressOptions.Start(showProgress, "depc ingest", counter, console);
                    var rejectionFile = result.GetValue(rejections);
                    var rejectionWriter = rejectionFile is null ? reporter?.Writer ?? console.Error : new StreamWriter(rejectionFile.FullName);
                    try
                    {
                        var report = await IngestAsync(graph, teamName, runNow, sources, console, rejectionWriter, reporter is null ? null : counter, cancellationToken).ConfigureAwait(false);
                        reporter?.Complete();
                        CliJson.WriteLine(console.Out, IngestSummary.Of(report), CliJson.Generated.IngestSummary);
                        return ExitCodes.Ok;
                    }
                    finally
                    {
                        if (rejectionFile is not null)
                        {
                            await rejectionWriter.DisposeAsync().ConfigureAwait(false);
                        }
                    }
                },
                cancellationToken);
        }));
        return command;
    }

    private static void CheckReadable(string[] sources)
    {
        foreach (var name in sources.Where(s => s != "-"))
        {
            if (!File.Exists(name))
            {
                throw new IOException($"cannot read '{name}': no such file");
            }
        }
    }

    private static async Task<IngestReport> IngestAsync(
        Core.Storage.IGraphStore graph,
        Core.Naming.TeamName team,
        long now,
        string[] sources,
        CliConsole console,
        TextWriter rejections,
        ProgressCounter? progress,
        CancellationToken cancellationToken)
    {
        var streams = sources.Select(s => (Name: s == "-" ? "stdin" : s, Open: s == "-" ? console.OpenStandardInput : () => File.OpenRead(s))).ToList();

        var decoder = new MessageDecoder(limits: LimitsSettings.FromEnvironment());
        // No retry: a store that is down ends the run (exit 5); what was committed before stays, replays are duplicates.
        var pipeline = new IngestPipeline(graph, decoder, StoreRetry.Once(TimeProvider.System, new StoreHealth()));
        var sink = new IngestSink(pipeline, decoder, new IngestBatching(team, now, BatchMessages, BatchBytes, graph.BulkWritesShareTransactions ? FirstBatchMessages : BatchMessages), TimeProvider.System, r => WriteRejectionAsync(rejections, r), cancellationToken) { Progress = progress };
        await using (sink.ConfigureAwait(false))
        {
            var splitter = new NdjsonSplitter(decoder.MaxMessageBytes);
            foreach (var (name, open) in streams)
            {
                sink.Source = name;
                var stream = progress is null ? open() : new CountingStream(open(), progress);
                await using (stream.ConfigureAwait(false))
                {
                    await splitter.ReadAsync(stream, sink, cancellationToken).ConfigureAwait(false);
                }

                // Lines of two files never share a batch: origins stay exact.
                await sink.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            return await sink.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static Task WriteRejectionAsync(TextWriter writer, MessageRejection rejection) =>
        writer.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(
            new RejectionLine(rejection.Origin.Position, rejection.Origin.Name ?? "", rejection.Reason, rejection.Payload),
            CliJson.Generated.RejectionLine));
}
