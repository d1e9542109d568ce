using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Depc.Cli.Tests.Readme;

/// <summary>
/// Turns the <c>```sh</c> blocks of the README into one bash script that runs their commands in order, as a reader
/// would type them, and records which command is running and how it ended (the rules are in CONTRIBUTING.md):
/// <list type="bullet">
/// <item>a command running <c>depc serve</c> (also through <c>dotnet run --project src/Depc.Cli -- serve</c>) is started in
/// the background, waited for until it answers, and stopped with SIGTERM (it must exit 0) before the next one or at the end;</item>
/// <item><c>scripts/test</c> is not run (it runs this test);</item>
/// <item>port 5080 becomes the sandbox's free port and <c>localhost:9092</c> the test's Kafka cluster;</item>
/// <item>an undefined <c>$VARIABLE</c> stops the run (<c>set -u</c>): every placeholder is defined by an earlier line;</item>
/// <item><c>curl</c> fails on an HTTP error status, like the reader would notice one.</item>
/// </list>
/// </summary>
internal static partial class ReadmeScript
{
    public const string Info = "sh";
    public const string DefaultPort = "5080";
    public const string KafkaPlaceholder = "localhost:9092";

    /// <summary>The script, and for each command the README line it starts on and its text, by line.</summary>
    public static (string Script, IReadOnlyDictionary<int, (MarkdownBlock Block, string Command)> Commands) Build(
        IReadOnlyList<MarkdownBlock> blocks, int port, string kafkaBootstrap)
    {
        var commands = new Dictionary<int, (MarkdownBlock, string)>();
        var script = new StringBuilder(Prelude);
        foreach (var block in blocks.Where(b => b.Info == Info))
        {
            foreach (var (line, text) in block.Commands())
            {
                commands[line] = (block, text);
                var command = text
                    .Replace("127.0.0.1:" + DefaultPort, "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                    .Replace("localhost:" + DefaultPort, "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                    .Replace(KafkaPlaceholder, kafkaBootstrap, StringComparison.Ordinal);
                script.Append(CultureInfo.InvariantCulture, $"\n__started {line}\n");
                if (MarkdownBlock.WithoutComment(command) == "scripts/test")
                {
                    script.Append(CultureInfo.InvariantCulture, $"__passed {line}  # scripts/test runs this test: not run from it\n");
                }
                else if (Serve().IsMatch(MarkdownBlock.WithoutComment(command)))
                {
                    // Not in a group: bash then runs the command itself as the background job (no shell between), so
                    // SIGTERM reaches depc and the job's exit code is depc's.
                    script.Append(CultureInfo.InvariantCulture, $"__stop_serve {line}\nDEPC_README_EXEC=1 {MarkdownBlock.WithoutComment(command)} > \"$DEPC_README_OUT/{line}.serve\" 2>&1 &\n__serve_pid=$!\n__wait_ready {line}\n");
                }
                else
                {
                    script.Append(CultureInfo.InvariantCulture, $"{{ {command}\n}} > \"$DEPC_README_OUT/{line}.out\" 2> \"$DEPC_README_OUT/{line}.err\"\n__check $? {line}\n");
                }
            }
        }

        script.Append("\n__stop_serve end\nprintf 'done\\n' > \"$DEPC_README_STATUS\"\n");
        return (script.ToString(), commands);
    }

    [GeneratedRegex(@"^(DEPC_\w+=\S+\s+)*(depc|dotnet run --project src/Depc\.Cli --)\s+serve(\s|$)")]
    private static partial Regex Serve();

    // Runs in bash; DEPC_README_* come from the test. Job control gives each background serve its own process group.
    private const string Prelude = """
        set -u -o pipefail
        set -m
        __serve_pid=""
        trap 'if [ -n "$__serve_pid" ]; then kill -KILL -- "-$__serve_pid" 2>/dev/null; fi' EXIT
        __started() { printf 'started\t%s\n' "$1" > "$DEPC_README_STATUS"; }
        __passed() { :; }
        __fail() { printf 'failed\t%s\t%s\n' "$1" "$2" > "$DEPC_README_STATUS"; exit 97; }
        __check() { if [ "$1" -ne 0 ]; then __fail "$2" "exited with $1"; fi; }
        __stop_serve() {
          if [ -n "$__serve_pid" ]; then
            kill -TERM -- "-$__serve_pid" 2>/dev/null
            wait "$__serve_pid"; local code=$?
            __serve_pid=""
            if [ "$code" -ne 0 ]; then __fail "$1" "the depc serve started before exited with $code on SIGTERM (expected 0)"; fi
          fi
        }
        __wait_ready() {
          for __i in $(seq 1 1200); do
            if command curl -s -o /dev/null "http://127.0.0.1:$DEPC_README_PORT/health/live"; then return 0; fi
            if ! kill -0 "$__serve_pid" 2>/dev/null; then wait "$__serve_pid"; __fail "$1" "depc serve exited with $? before it answered"; fi
            sleep 0.1
          done
          __fail "$1" "depc serve did not answer /health/live within 120 s"
        }
        # `dotnet run --project src/Depc.Cli --` is the depc this suite built (no second build); `dotnet pack src/Depc.Cli`
        # gives the package the suite packed from that build. Anything else is the real dotnet.
        dotnet() {
          if [ "$#" -ge 4 ] && [ "$1" = run ] && [ "$2" = --project ] && [ "$3" = src/Depc.Cli ] && [ "$4" = -- ]; then
            shift 4
            if [ "${DEPC_README_EXEC:-}" = 1 ]; then exec depc "$@"; else depc "$@"; fi
          elif [ "$#" -ge 2 ] && [ "$1" = pack ] && [ "$2" = src/Depc.Cli ]; then
            local out=.; shift 2
            while [ "$#" -gt 0 ]; do if [ "$1" = -o ] || [ "$1" = --output ]; then out=$2; shift; fi; shift; done
            mkdir -p "$out" && cp "$DEPC_README_PACKAGE"/*.nupkg "$out"/
          else
            command dotnet "$@"
          fi
        }
        curl() { command curl --fail-with-body --silent --show-error "$@"; }

        """;
}
