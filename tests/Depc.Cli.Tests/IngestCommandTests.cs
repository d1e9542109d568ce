using System.Text.Json.Nodes;
using Depc.Cli.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Depc.Cli.Tests;

/// <summary><c>depc ingest</c>: the seed page's examples, sources, summary and rejection reports.</summary>
public sealed class IngestCommandTests : IDisposable
{
    private const string Nested = """{"source": {"label": "A", "name": "foo", "props": {"from": 1515241242, "to": 1515244850}}, "target": {"label": "B", "name": "bar", "props": {"from": 1533636245, "to": 1533643445}}, "rel": {"from": 1527847440, "to": 1527854640}}""";
    private const string Flat = """{"source_label": "A", "source_name": "foo", "source_from": 1515241242, "source_to": 1515244850, "target_label": "B", "target_name": "bar", "target_from": 1533636245, "target_to": 1533643445, "rel_from": 1527847440, "rel_to": 1527854640}""";
    private const string SeedAnswer = """
        {"A":[{"name":"foo","from":1515241242,"to":1515244850,"inactive":true}],
         "B":[{"name":"bar","from":1533636245,"to":1533643445,"periods":[1527847440,1527854640],"inactive":true}]}
        """;

    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Theory]
    [InlineData(Nested)]
    [InlineData(Flat)]
    public async Task Seed_page_example_creates_two_linked_nodes(string message)
    {
        var run = (await _sandbox.IngestAsync("tuto", message)).AssertOk();

        JsonAssert.Equal("""{"received":1,"accepted":1,"rejected":0,"duplicates":0}""", run.Json);
        JsonAssert.Equal("""{"name":"foo","from":1515241242,"to":1515244850}""", await _sandbox.QueryAsync("node", "--team", "tuto", "--label", "A", "--node", "foo"));
        JsonAssert.Equal("""{"name":"bar","from":1533636245,"to":1533643445}""", await _sandbox.QueryAsync("node", "--team", "tuto", "--label", "B", "--node", "bar"));
        var answer = await _sandbox.QueryAsync("dependencies", "--team", "tuto", "--label", "A", "--node", "foo", "--day", "2018-06-01", "--inactive");
        JsonAssert.Equal(SeedAnswer, answer!["dependencies"]);
    }

    [Fact]
    public async Task Seed_page_smallest_message_creates_one_node_without_properties()
    {
        var run = (await _sandbox.IngestAsync("tuto", """{"source": {"label": "A", "name": "foo"}}""")).AssertOk();

        JsonAssert.Equal("""{"received":1,"accepted":1,"rejected":0,"duplicates":0}""", run.Json);
        JsonAssert.Equal("""{"name":"foo"}""", await _sandbox.QueryAsync("node", "--team", "tuto", "--label", "A", "--node", "foo"));
    }

    [Fact]
    public async Task Seed_page_name_example_keeps_its_characters_unescaped()
    {
        await _sandbox.SeedAsync("tuto", """{"source":{"label":"A","name":"#F$o%ob&/a-r."}}""");

        var run = (await _sandbox.RunOnStoreAsync("query", "node", "--team", "tuto", "--label", "A", "--node", "#F$o%ob&/a-r.")).AssertOk();
        Assert.Equal("""{"name":"#F$o%ob&/a-r."}""" + "\n", run.Out);
    }

    [Fact]
    public async Task Python_example_links_the_cluster_to_three_servers_and_a_replay_is_all_duplicates()
    {
        // What kafka-python's json.dumps sends: target without rel, so the event is "from = now".
        var messages = new[] { "ns375001.ip-xx-xxx-xx.eu", "ns375002.ip-xx-xxx-xx.eu", "ns375003.ip-xx-xxx-xx.eu" }
            .Select(n => $$$"""{"source": {"label": "Cluster", "name": "cluster020.ovh.net"}, "target": {"label": "Server", "name": "{{{n}}}"}}""")
            .ToArray();
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        JsonAssert.Equal("""{"received":3,"accepted":3,"rejected":0,"duplicates":0}""", (await _sandbox.IngestAsync("ovh", messages)).AssertOk().Json);
        var after = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        JsonAssert.Equal("""[{"name":"Cluster","nodes_count":1},{"name":"Server","nodes_count":3}]""", await _sandbox.QueryAsync("labels", "--team", "ovh"));
        JsonAssert.Equal("""{"count":3}""", await _sandbox.QueryAsync("count", "--team", "ovh", "--label", "Cluster", "--node", "cluster020.ovh.net"));
        JsonAssert.Equal(
            """["ns375001.ip-xx-xxx-xx.eu","ns375002.ip-xx-xxx-xx.eu","ns375003.ip-xx-xxx-xx.eu"]""",
            await _sandbox.QueryAsync("nodes", "--team", "ovh", "--label", "Server"));
        var servers = (await _sandbox.QueryAsync("dependencies", "--team", "ovh", "--label", "Cluster", "--node", "cluster020.ovh.net"))!["dependencies"]!["Server"]!.AsArray();
        Assert.Equal(3, servers.Count);
        foreach (var server in servers)
        {
            var start = (long)server!["periods"]![0]!;
            Assert.InRange(start, before, after);
            Assert.Single(server["periods"]!.AsArray());
            Assert.False((bool)server["inactive"]!);
        }

        JsonAssert.Equal("""{"received":3,"accepted":0,"rejected":0,"duplicates":3}""", (await _sandbox.IngestAsync("ovh", messages)).AssertOk().Json);
    }

    [Fact]
    public async Task Reads_stdin_when_no_file_is_given()
    {
        var run = (await _sandbox.IngestAsync("t", """{"source":{"label":"A","name":"x"}}""")).AssertOk();

        JsonAssert.Equal("""{"received":1,"accepted":1,"rejected":0,"duplicates":0}""", run.Json);
    }

    [Fact]
    public async Task Reads_several_files_and_stdin_as_dash_in_the_order_given()
    {
        // Only this order is valid: the closed period [10, 20], then a reopening at 30, then its end at 40.
        var first = _sandbox.WriteFile("first.ndjson", """{"source":{"label":"A","name":"x"},"target":{"label":"B","name":"y"},"rel":{"from":10,"to":20}}""" + "\n");
        var stdin = CliSandbox.Utf8Lines("""{"source":{"label":"A","name":"x"},"target":{"label":"B","name":"y"},"rel":{"from":30}}""");
        var last = _sandbox.WriteFile("last.ndjson", """{"source":{"label":"A","name":"x"},"target":{"label":"B","name":"y"},"rel":{"to":40}}""" + "\n");

        var run = (await _sandbox.IngestBytesAsync("t", stdin, first, "-", last)).AssertOk();

        JsonAssert.Equal("""{"received":3,"accepted":3,"rejected":0,"duplicates":0}""", run.Json);
        var answer = await _sandbox.QueryAsync("dependencies", "--team", "t", "--label", "A", "--node", "x", "--day", "1970-01-01");
        JsonAssert.Equal("""{"A":[{"name":"x","inactive":false}],"B":[{"name":"y","periods":[10,20,30,40],"inactive":false}]}""", answer!["dependencies"]);
    }

    [Fact]
    public async Task Counts_duplicates_and_refused_events_in_message_order()
    {
        var run = (await _sandbox.IngestAsync(
            "t",
            """{"source":{"label":"A","name":"x"},"target":{"label":"B","name":"y"},"rel":{"from":10,"to":20}}""",
            """{"source":{"label":"A","name":"x"},"target":{"label":"B","name":"y"},"rel":{"from":5}}""",
            """{"source":{"label":"A","name":"x"},"target":{"label":"B","name":"y"},"rel":{"from":10,"to":20}}"""));

        Assert.Equal(0, run.ExitCode);
        JsonAssert.Equal("""{"received":3,"accepted":1,"rejected":1,"duplicates":1}""", run.Json);
        var rejection = Assert.Single(run.ErrorLines);
        JsonAssert.Equal("2", JsonNode.Parse(rejection)!["line"]);
    }

    [Fact]
    public async Task Rejections_go_to_the_rejections_file_with_line_reason_path_and_truncated_payload()
    {
        var longLine = """{"source":{"label":"A","name":"x"},"pad":" """ + new string('p', 5000) + "\"}";
        var file = _sandbox.WriteFile("in.ndjson", string.Join('\n',
            """{"source":{"label":"A","name":"ok"}}""",
            string.Empty,
            """{"source":{"label":"server","name":"x"}}""",
            """{"source_label":"A","source_name":"x","source_from":1.5}""",
            longLine,
            "not json",
            """{"source":{"label":"A","name":"ok2"}}""") + "\n");
        var rejections = _sandbox.PathOf("rejections.ndjson");

        var run = (await _sandbox.RunOnStoreAsync("ingest", "--team", "t", "--rejections", rejections, file)).AssertOk();

        JsonAssert.Equal("""{"received":6,"accepted":2,"rejected":4,"duplicates":0}""", run.Json);
        var lines = CliRun.Lines(File.ReadAllText(rejections)).Select(l => JsonNode.Parse(l)!.AsObject()).OrderBy(l => (long)l["line"]!).ToList();
        Assert.Equal(new long[] { 3, 4, 5, 6 }, lines.Select(l => (long)l["line"]!).ToArray());
        Assert.All(lines, l => Assert.Equal(new[] { "file", "line", "payload", "reason" }, l.Select(p => p.Key).Order(StringComparer.Ordinal).ToArray()));
        Assert.All(lines, l => Assert.Equal(file, (string)l["file"]!));
        Assert.StartsWith("$.source.label must be a string matching ^[A-Z]+[a-zA-Z0-9]*$", (string)lines[0]["reason"]!, StringComparison.Ordinal);
        Assert.Equal("""{"source":{"label":"server","name":"x"}}""", (string)lines[0]["payload"]!);
        Assert.StartsWith("$.source_from must be an integer >= 0", (string)lines[1]["reason"]!, StringComparison.Ordinal);
        Assert.StartsWith("$.pad is not an allowed key", (string)lines[2]["reason"]!, StringComparison.Ordinal);
        var payload = (string)lines[2]["payload"]!;
        Assert.Equal(1025, payload.Length);
        Assert.Equal(longLine[..1024] + "…", payload);
        Assert.StartsWith("$ is not valid JSON", (string)lines[3]["reason"]!, StringComparison.Ordinal);
        Assert.Equal("not json", (string)lines[3]["payload"]!);
        JsonAssert.Equal("""["ok","ok2"]""", await _sandbox.QueryAsync("nodes", "--team", "t", "--label", "A"));
    }

    [Fact]
    public async Task A_message_the_store_refuses_is_rejected_alone_with_its_own_line_and_payload_in_any_batch()
    {
        await _sandbox.SeedAsync("t", """{"source":{"label":"A","name":"seed"}}""");
        await using (var connection = new SqliteConnection($"Data Source={_sandbox.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var trigger = connection.CreateCommand();
            trigger.CommandText = "CREATE TRIGGER refuse BEFORE INSERT ON nodes WHEN NEW.name LIKE 'poison%' BEGIN SELECT RAISE(ABORT, 'poison refused'); END;";
            await trigger.ExecuteNonQueryAsync();
        }

        // Three batches (of IngestCommand.BatchMessages) in one bulk transaction, their input arenas reused meanwhile:
        // the poison in the third batch must not make the first one's rejection (the period rule's) report other bytes.
        var lines = Enumerable.Range(0, 45_000)
            .Select(i => i switch
            {
                0 => """{"source":{"label":"A","name":"x"},"target":{"label":"B","name":"y"},"rel":{"from":10,"to":20}}""",
                1 => """{"source":{"label":"A","name":"x"},"target":{"label":"B","name":"y"},"rel":{"from":5}}""",
                44_000 => $$$"""{"source":{"label":"A","name":"poison{{{i}}}"}}""",
                _ => $$$"""{"source":{"label":"A","name":"n{{{i}}}"}}""",
            })
            .ToArray();
        var file = _sandbox.WriteFile("in.ndjson", string.Join('\n', lines) + "\n");
        var rejections = _sandbox.PathOf("rejections.ndjson");

        var run = (await _sandbox.RunOnStoreAsync("ingest", "--team", "t", "--rejections", rejections, file)).AssertOk();

        JsonAssert.Equal("""{"received":45000,"accepted":44998,"rejected":2,"duplicates":0}""", run.Json);
        var refused = CliRun.Lines(File.ReadAllText(rejections)).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal([2L, 44_001L], refused.Select(r => (long)r["line"]!));
        Assert.Equal([lines[1], lines[44_000]], refused.Select(r => (string)r["payload"]!));
        Assert.Contains("poison refused", (string)refused[1]["reason"]!, StringComparison.Ordinal);
        var names = (await _sandbox.QueryAsync("nodes", "--team", "t", "--label", "A"))!.AsArray();
        Assert.Equal(44_999, names.Count);
    }

    [Fact]
    public async Task Rejections_go_to_stderr_as_json_lines_naming_stdin_by_default()
    {
        var run = await _sandbox.IngestAsync("t", """{"source":{"label":"A","name":"x","extra":1}}""", """{"source":{"label":"A","name":"y"}}""");

        Assert.Equal(0, run.ExitCode);
        run.AssertOneLine();
        JsonAssert.Equal("""{"received":2,"accepted":1,"rejected":1,"duplicates":0}""", run.Json);
        var rejection = JsonNode.Parse(Assert.Single(run.ErrorLines))!;
        Assert.Equal(1, (long)rejection["line"]!);
        Assert.Equal("stdin", (string)rejection["file"]!);
        Assert.StartsWith("$.source.extra is not an allowed key", (string)rejection["reason"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejections_file_is_empty_when_nothing_is_rejected()
    {
        var rejections = _sandbox.PathOf("rejections.ndjson");

        (await _sandbox.IngestBytesAsync("t", CliSandbox.Utf8Lines("""{"source":{"label":"A","name":"x"}}"""), "--rejections", rejections)).AssertOk();

        Assert.Equal(string.Empty, File.ReadAllText(rejections));
    }

    [Fact]
    public async Task Several_files_report_rejections_with_their_own_file_and_line()
    {
        var a = _sandbox.WriteFile("a.ndjson", "{\"source\":{\"label\":\"A\",\"name\":\"x\"}}\n{}\n");
        var b = _sandbox.WriteFile("b.ndjson", "[1]\n{\"source\":{\"label\":\"A\",\"name\":\"y\"}}\n");

        var run = await _sandbox.RunOnStoreAsync("ingest", "--team", "t", a, b);

        Assert.Equal(0, run.ExitCode);
        JsonAssert.Equal("""{"received":4,"accepted":2,"rejected":2,"duplicates":0}""", run.Json);
        var rejections = run.ErrorLines.Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(new[] { (a, 2L), (b, 1L) }, rejections.Select(r => ((string)r["file"]!, (long)r["line"]!)).Order().ToArray());
        Assert.Contains(rejections, r => ((string)r["reason"]!).StartsWith("$ must be a JSON object", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Empty_input_prints_a_zero_summary()
    {
        var run = (await _sandbox.IngestBytesAsync("t", [])).AssertOk();

        JsonAssert.Equal("""{"received":0,"accepted":0,"rejected":0,"duplicates":0}""", run.Json);
    }

    [Fact]
    public async Task Missing_file_fails_before_anything_is_written()
    {
        var good = _sandbox.WriteFile("good.ndjson", "{\"source\":{\"label\":\"A\",\"name\":\"x\"}}\n");
        var missing = _sandbox.PathOf("missing.ndjson");

        var rejections = _sandbox.PathOf("rejections.ndjson");

        var run = await _sandbox.RunOnStoreAsync("ingest", "--team", "t", "--rejections", rejections, good, missing);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        Assert.Contains("cannot read '" + missing + "'", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(rejections), "the rejections file was created");
        Assert.False(File.Exists(_sandbox.DatabasePath), "the store was created");
    }

    [Fact]
    public async Task Missing_file_after_applied_data_changes_nothing()
    {
        await _sandbox.SeedAsync("t", """{"source":{"label":"A","name":"x"}}""");
        var good = _sandbox.WriteFile("good.ndjson", "{\"source\":{\"label\":\"A\",\"name\":\"y\"}}\n");

        var run = await _sandbox.RunOnStoreAsync("ingest", "--team", "t", good, _sandbox.PathOf("missing.ndjson"));

        run.AssertFails(ExitCodes.Failure, "missing.ndjson");
        JsonAssert.Equal("""["x"]""", await _sandbox.QueryAsync("nodes", "--team", "t", "--label", "A"));
    }

    [Fact]
    public async Task Invalid_team_fails_before_the_store_is_created()
    {
        var run = await _sandbox.IngestAsync("no_underscore", """{"source":{"label":"A","name":"x"}}""");

        run.AssertFails(ExitCodes.InvalidArguments, "team 'no_underscore' must match");
        Assert.False(File.Exists(_sandbox.DatabasePath), "the store was created");
    }

    [Fact]
    public async Task Store_in_a_missing_folder_is_unusable()
    {
        var run = await CliSandbox.RunAsync(() => new MemoryStream(CliSandbox.Utf8Lines("""{"source":{"label":"A","name":"x"}}""")), "ingest", "--team", "t", "--store", "sqlite:" + _sandbox.PathOf("no/such/folder/depc.db"));

        Assert.Equal(ExitCodes.StoreUnavailable, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        Assert.StartsWith("depc: store:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Store_file_that_is_not_a_database_is_unusable()
    {
        var path = _sandbox.WriteFile("garbage.db", new string('x', 4096));

        var run = await CliSandbox.RunAsync(() => new MemoryStream(CliSandbox.Utf8Lines("""{"source":{"label":"A","name":"x"}}""")), "ingest", "--team", "t", "--store", "sqlite:" + path);

        Assert.Equal(ExitCodes.StoreUnavailable, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        Assert.NotEqual(string.Empty, run.Error);
    }

    [Fact]
    public async Task Teams_are_isolated()
    {
        await _sandbox.SeedAsync("one", """{"source":{"label":"A","name":"x"}}""");
        await _sandbox.SeedAsync("two", """{"source":{"label":"B","name":"y"}}""");

        JsonAssert.Equal("""[{"name":"A","nodes_count":1}]""", await _sandbox.QueryAsync("labels", "--team", "one"));
        (await _sandbox.RunOnStoreAsync("query", "node", "--team", "one", "--label", "B", "--node", "y")).AssertFails(ExitCodes.NotFound, "not found");
    }
}
