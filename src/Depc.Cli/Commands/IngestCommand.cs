using System.CommandLine;
using System.Globalization;
using Depc.Cli.Input;
using Depc.Cli.Progress;
using Depc.Core.Ingestion;
using Depc.Core.Messages;

namespace Depc.Cli.Commands;

/// <summary><c>depc ingest</c>: NDJSON files (or stdin) into the graph, streamed in batches, then one summary line.</summary>
internal static class IngestCommand
{
    public const int BatchMessages = 20_000;
    public const int BatchBytes = 4 * 1024 * 1024;

    public static Command Create(CliConsole console)
    {
        var store = CliOptions.Store();
        var team = CliOptions.Team();
        var rejections = new Option<FileInfo?>("--rejections") { Description = "Write rejections (one JSON line each) to this file instead of stderr" };
        var files = new Argument<string[]>("FILE") { Description = "NDJSON files, one message per line (none or - reads stdin)", Arity = ArgumentArity.ZeroOrMore };
        var progress = new ProgressOptions();
        var command = new Command("ingest", "Apply a team's messages from NDJSON files to the graph") { store, team, rejections, progress.Progress, progress.Quiet, files };
        command.SetAction((result, cancellationToken) => CliAction.RunAsync(console, () =>
        {
            // Bad arguments and missing files fail before the store or the rejections file is touched.
            var teamName = CliOptions.TeamValue(result, team);
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
                        var report = await IngestAsync(graph, teamName, sources, console, rejectionWriter, reporter is null ? null : counter, cancellationToken).ConfigureAwait(false);
                        reporter?.Complete();
                        CliJson.WriteLine(console.Out, report);
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
        string[] sources,
        CliConsole console,
        TextWriter rejections,
        ProgressCounter? progress,
        CancellationToken cancellationToken)
    {
        var streams = sources.Select(s => (Name: s == "-" ? "stdin" : s, Open: s == "-" ? console.OpenStandardInput : () => File.OpenRead(s))).ToList();

        var decoder = new MessageDecoder();
        var pipeline = new IngestPipeline(graph, decoder, TimeProvider.System);
        var sink = new IngestSink(pipeline, decoder, team, BatchMessages, BatchBytes, r => WriteRejectionAsync(rejections, r), cancellationToken) { Progress = progress };
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

    private static Task WriteRejectionAsync(TextWriter writer, MessageRejection rejection)
    {
        var colon = rejection.Origin.LastIndexOf(':');
        var line = long.Parse(rejection.Origin.AsSpan(colon + 1), CultureInfo.InvariantCulture);
        var file = rejection.Origin[..colon];
        return writer.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(
            new RejectionLine(line, file, rejection.Reason, rejection.Payload),
            CliJson.Options));
    }
}
