using System.Text;

namespace Depc.Testing.Attacks;

/// <summary>
/// What a careless or hostile team sends (issue 12), as NDJSON lines: each attack class, mixed with valid messages
/// whose effect the tests check. Pure: the same lines over HTTP and over Kafka.
/// </summary>
public static class AttackPayloads
{
    public const string Valid = """{"source": {"label": "App", "name": "kept"}, "target": {"label": "Db", "name": "kept-db"}}""";

    /// <summary>Alternating <c>rel_from</c>/<c>rel_to</c> events on one relationship: its history as long as the sender likes.</summary>
    public static IEnumerable<string> PeriodFlood(int events, long start = 1_000) =>
        Enumerable.Range(0, events).Select(i =>
            $$$"""{"source_label": "App", "source_name": "flood", "target_label": "Db", "target_name": "flood-db", "{{{(i % 2 == 0 ? "rel_from" : "rel_to")}}}": {{{start + i}}}}""");

    /// <summary>Events the period table refuses on the flooded relationship: each reason shows its state.</summary>
    public static IEnumerable<string> RefusedCloses(int events) =>
        Enumerable.Repeat("""{"source_label": "App", "source_name": "flood", "target_label": "Db", "target_name": "flood-db", "rel_to": 5}""", events);

    /// <summary>Names of <paramref name="bytes"/> bytes, each distinct.</summary>
    public static IEnumerable<string> LongNames(int count, int bytes) =>
        Enumerable.Range(0, count).Select(i => $$$"""{"source": {"label": "App", "name": "{{{i:D8}}}{{{new string('n', Math.Max(0, bytes - 8))}}}"}}""");

    /// <summary>One node under each of <paramref name="count"/> distinct labels.</summary>
    public static IEnumerable<string> DistinctLabels(int count, string prefix = "L") =>
        Enumerable.Range(0, count).Select(i => $$$"""{"source": {"label": "{{{prefix}}}{{{i}}}", "name": "n"}}""");

    /// <summary>Deep nesting, huge numbers, a number as a name: each line one message the decoder must refuse cheaply.</summary>
    public static IEnumerable<string> Malformed()
    {
        yield return string.Concat(Enumerable.Repeat("{\"source\":", 5_000)) + "1" + new string('}', 5_000);
        yield return "[" + new string('[', 20_000) + new string(']', 20_000) + "]";
        yield return """{"source": {"label": "App", "name": "big"}, "target": {"label": "Db", "name": "big"}, "rel": {"from": 99999999999999999999999999999999}}""";
        yield return """{"source": {"label": "App", "name": "big"}, "target": {"label": "Db", "name": "big"}, "rel": {"from": 1e308}}""";
        yield return """{"source": {"label": "App", "name": 12345678901234567890}}""";
        yield return """{"source": {"label": "App", "name": "a"}, "source": {"label": "App", "name": "b"}}""";
    }

    /// <summary>A line that is not UTF-8.</summary>
    public static byte[] InvalidUtf8Line => [.. "{\"source\": {\"label\": \"App\", \"name\": \""u8, 0xC3, 0x28, 0xFF, .. "\"}}"u8];

    public static byte[] Ndjson(IEnumerable<string> lines) => Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");

    /// <summary><paramref name="count"/> valid messages of a team under light load: distinct nodes, one relationship each.</summary>
    public static IEnumerable<string> Ordinary(int count, string prefix) =>
        Enumerable.Range(0, count).Select(i => $$$"""{"source": {"label": "Service", "name": "{{{prefix}}}-{{{i}}}"}, "target": {"label": "Server", "name": "{{{prefix}}}-host-{{{i % 50}}}"}}""");
}
