using System.Diagnostics;
using System.Text;
using Depc.Cli.Tests.Support;
using Depc.Testing.Kafka;
using Depc.Testing.Processes;

namespace Depc.Cli.Tests.Progress;

/// <summary>The real <c>depc</c> as a child process: progress on a pseudo-terminal, forced into a pipe, or silenced.</summary>
public sealed class ProgressProcessTests : IDisposable
{
    private const int Messages = 30_000;
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Forced_into_a_pipe_ingest_writes_progress_lines_and_a_closing_line_on_stderr_only()
    {
        var file = WriteMessages("forced.ndjson");

        var run = await DepcCommand.RunAsync(_sandbox.Folder, ["ingest", "--team", "p", "--store", _sandbox.Store, "--progress", file]);

        Assert.Equal($$"""{"received":{{Messages}},"accepted":{{Messages}},"rejected":0,"duplicates":0}""" + "\n", run.OutputOfSuccess());
        var lines = CliRun.Lines(run.Error);
        var size = ProgressLineSize(file);
        Assert.Matches($@"^depc ingest: 30,000 messages in \d+:\d\d, [\d,]+/s; {size} of {size} read \(100 %\)$", lines[^1]);
        Assert.All(lines.Take(lines.Count - 1), l => Assert.Matches(@"^depc ingest: [\d,]+ messages, [\d,]+/s; .* read \(\d+ %\)(; ETA \d+:\d\d)?$", l));
    }

    [Fact]
    public async Task Redirected_stderr_gets_no_progress_unless_forced()
    {
        var file = WriteMessages("quiet.ndjson");

        var run = await DepcCommand.RunAsync(_sandbox.Folder, ["ingest", "--team", "p", "--store", _sandbox.Store, file]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public async Task On_a_terminal_progress_is_drawn_in_place_and_quiet_silences_it()
    {
        var file = WriteMessages("terminal.ndjson");

        var shown = await OnTerminalAsync(["ingest", "--team", "p", "--store", _sandbox.Store, file]);
        var silenced = await OnTerminalAsync(["ingest", "--team", "q", "--store", _sandbox.Store, "--quiet", file]);

        // The closing line overwrites the last update in place, then ends the line before the summary.
        Assert.Matches(@"\rdepc ingest: 30,000 messages in \d+:\d\d, [\d,]+/s; [\d.]+ MiB of [\d.]+ MiB read \(100 %\)\u001b\[K\r?\n", shown);
        Assert.Contains("\"accepted\":30000", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("depc ingest:", silenced, StringComparison.Ordinal);
        Assert.Contains("\"accepted\":30000", silenced, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_and_quiet_together_are_refused_before_anything_is_read()
    {
        var run = await DepcCommand.RunAsync(_sandbox.Folder, ["ingest", "--team", "p", "--store", _sandbox.Store, "--progress", "--quiet", WriteMessages("both.ndjson")]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("depc: --progress and --quiet cannot be given together\n", run.Error);
        Assert.False(File.Exists(_sandbox.DatabasePath));
    }

    [Fact]
    public async Task Push_forced_shows_its_progress_and_a_rejection_on_its_own_line()
    {
        using var kafka = new MockKafkaCluster();
        var file = WriteMessages("push.ndjson", extra: "{\"oops\":1}");

        var run = await DepcCommand.RunAsync(_sandbox.Folder, ["push", "--team", "p", "--bootstrap-servers", kafka.BootstrapServers, "--progress", file]);

        Assert.Equal($$"""{"received":{{Messages + 1}},"sent":{{Messages}},"rejected":1,"failed":0}""" + "\n", run.OutputOfSuccess());
        var lines = CliRun.Lines(run.Error);
        Assert.Single(lines, l => l.StartsWith("{\"line\":30001,", StringComparison.Ordinal));
        Assert.Matches(@"^depc push: 30,001 messages in \d+:\d\d, [\d,]+/s; [\d.]+ MiB of [\d.]+ MiB read \(100 %\)$", lines[^1]);
    }

    private string WriteMessages(string name, string? extra = null)
    {
        var text = new StringBuilder();
        for (var i = 0; i < Messages; i++)
        {
            text.Append("{\"source\":{\"label\":\"Server\",\"name\":\"s").Append(i).Append("\"},\"target\":{\"label\":\"Rack\",\"name\":\"r").Append(i % 50).Append("\"},\"rel\":{\"from\":100}}\n");
        }

        if (extra is not null)
        {
            text.Append(extra).Append('\n');
        }

        return _sandbox.WriteFile(name, text.ToString());
    }

    private static string ProgressLineSize(string file) => Depc.Cli.Progress.ProgressLine.Size(new FileInfo(file).Length).Replace(".", @"\.", StringComparison.Ordinal);

    /// <summary>Runs depc with stdout and stderr on a pseudo-terminal (util-linux <c>script</c>): what a person at a terminal sees.</summary>
    private async Task<string> OnTerminalAsync(string[] args)
    {
        var depc = DepcCommand.StartInfo(_sandbox.Folder, args);
        var command = string.Join(' ', new[] { depc.FileName }.Concat(depc.ArgumentList).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        var start = new ProcessStartInfo("script") { WorkingDirectory = _sandbox.Folder, RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var arg in new[] { "--quiet", "--return", "--command", command, "/dev/null" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start script (util-linux)");
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"depc {string.Join(' ', args)} on a terminal exited with {process.ExitCode}: {output}");
        return output;
    }
}
