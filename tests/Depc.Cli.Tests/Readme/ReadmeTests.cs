using System.Diagnostics;
using System.Globalization;
using Depc.Cli.Tests.Support;
using Depc.Testing.Kafka;
using Depc.Testing.Processes;

namespace Depc.Cli.Tests.Readme;

/// <summary>
/// The README works verbatim: its first screen gives the two commands, every fenced block says what it is, and every
/// <c>```sh</c> block runs, in order, on a fresh store in a sandbox (the rules: CONTRIBUTING.md, "README commands").
/// </summary>
public sealed class ReadmeTests : IDisposable
{
    /// <summary>What fits on a terminal's first screen.</summary>
    private const int FirstScreenLines = 24;

    private static readonly string ReadmePath = Repository.PathOf("README.md");
    private static readonly IReadOnlyList<MarkdownBlock> Blocks = MarkdownBlock.Parse(File.ReadAllText(ReadmePath));

    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public void The_first_screen_gives_exactly_the_two_commands_run_the_demo_and_run_the_tests()
    {
        var onFirstScreen = Blocks.Where(b => b.FenceLine <= FirstScreenLines).ToList();

        var block = Assert.Single(onFirstScreen);
        Assert.True(block.Info == ReadmeScript.Info, $"README.md:{block.FenceLine}: the first screen's block must be ```{ReadmeScript.Info} (it is run)");
        Assert.Equal(
            ["dotnet run --project src/Depc.Cli -- serve --demo", "scripts/test"],
            block.Commands().Select(c => MarkdownBlock.WithoutComment(c.Text)));
    }

    [Fact]
    public void Every_fenced_block_says_whether_it_is_run()
    {
        var unmarked = Blocks.Where(b => b.Info.Length == 0).Select(b => $"README.md:{b.FenceLine}").ToList();

        Assert.True(
            unmarked.Count == 0,
            $"Fenced blocks without an info string at {string.Join(", ", unmarked)}: mark commands ```{ReadmeScript.Info} (the README test runs them) " +
            "and examples, output or configuration ```text, ```json, … (see CONTRIBUTING.md, \"README commands\").");
    }

    [Fact]
    public async Task Every_sh_block_runs_in_order_on_a_fresh_store()
    {
        using var kafka = new MockKafkaCluster();
        var port = FreePort.Next();
        var (script, commands) = ReadmeScript.Build(Blocks, port, kafka.BootstrapServers);
        var output = Directory.CreateDirectory(_sandbox.PathOf("readme-output")).FullName;
        var status = _sandbox.PathOf("readme-status");
        var work = PrepareWorkFolder();
        var scriptPath = _sandbox.WriteFile("readme.sh", script);

        var start = new ProcessStartInfo("bash") { WorkingDirectory = work, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(scriptPath);
        start.Environment.Remove("DEPC_STORE");
        start.Environment.Remove("DEPC_ADMIN_TOKEN");
        start.Environment["PATH"] = _sandbox.PathOf("bin") + ":" + start.Environment["PATH"];
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["DEPC_README_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["DEPC_README_STATUS"] = status;
        start.Environment["DEPC_README_OUT"] = output;
        start.Environment["DEPC_README_PACKAGE"] = await ToolPackage.FolderAsync();
        start.Environment["NUGET_PACKAGES"] = _sandbox.PathOf("nuget-packages");
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        ChildProcess.FindRuntime(start);

        using var bash = Process.Start(start) ?? throw new InvalidOperationException("cannot start bash");
        bash.StandardInput.Close();
        var stdout = bash.StandardOutput.ReadToEndAsync();
        var stderr = bash.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        try
        {
            await bash.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            bash.Kill(entireProcessTree: true);
        }

        var state = File.Exists(status) ? File.ReadAllText(status).TrimEnd('\n').Split('\t') : ["not started"];
        Assert.True(state[0] == "done", Explain(state, commands, output, await stderr + await stdout));

        // The first screen's demo printed its sign-in link, on the sandbox's port.
        var demo = File.ReadAllText(Path.Combine(output, $"{Blocks[0].Commands()[0].Line}.serve"));
        Assert.Contains($"Demo team 'demo' ready: open http://127.0.0.1:{port}/#token=depc_", demo, StringComparison.Ordinal);
    }

    /// <summary>A scratch clone as the README expects it: the examples, and depc on the PATH (a build of this suite).</summary>
    private string PrepareWorkFolder()
    {
        var work = Directory.CreateDirectory(_sandbox.PathOf("clone")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(work, "examples"), Repository.PathOf("examples"));

        // Only the tool package's folder is a package source there (no other feed can answer for `depc`).
        File.WriteAllText(Path.Combine(work, "nuget.config"), "<configuration><packageSources><clear /></packageSources></configuration>");
        var bin = Directory.CreateDirectory(_sandbox.PathOf("bin")).FullName;
        File.CreateSymbolicLink(Path.Combine(bin, "depc"), Path.Combine(AppContext.BaseDirectory, "depc"));
        return work;
    }

    private static string Explain(string[] state, IReadOnlyDictionary<int, (MarkdownBlock Block, string Command)> commands, string output, string shell)
    {
        if (state[0] is not ("started" or "failed") || !int.TryParse(state[1], CultureInfo.InvariantCulture, out var line) || !commands.TryGetValue(line, out var at))
        {
            return $"The README's commands did not all run ({string.Join(' ', state)}). Shell output:\n{shell}";
        }

        var why = state[0] == "failed" ? state[2] : "stopped the script (an undefined $VARIABLE? see below)";
        var printed = string.Concat(new[] { ".err", ".out", ".serve" }.Select(e => Path.Combine(output, line + e)).Where(File.Exists).Select(File.ReadAllText));
        return $"README.md:{line} (in the ```{at.Block.Info} block at line {at.Block.FenceLine}): `{at.Command}` {why}.\n" +
            $"What it printed:\n{Tail(printed)}\n{Tail(shell)}\n(The rules for README commands are in CONTRIBUTING.md.)";
    }

    private static string Tail(string text) => text.Length > 3000 ? "…" + text[^3000..] : text;
}
