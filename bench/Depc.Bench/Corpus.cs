using System.Text;

namespace Depc.Bench;

/// <summary>
/// A realistic stream for one team: a third node-only messages, two thirds with a relationship,
/// nested and flat mixed, relationships opened, re-sent and closed as time goes on.
/// </summary>
internal static class Corpus
{
    public const long Epoch = 1_600_000_000;

    public static IEnumerable<string> Lines(int count, int seed = 42)
    {
        var random = new Random(seed);
        var open = new Dictionary<(int, int), bool>();
        for (var i = 0; i < count; i++)
        {
            var t = Epoch + i;
            var flat = random.Next(2) == 0;
            if (i % 3 == 0)
            {
                // A server keeps the start it was created with; re-sends repeat it.
                var server = random.Next(50_000);
                var created = Epoch - server;
                yield return flat
                    ? $$$"""{"source_label":"Server","source_name":"srv{{{server}}}.dc1.example.net","source_from":{{{t}}}}"""
                    : $$$"""{"source":{"label":"Server","name":"srv{{{server}}}.dc1.example.net","props":{"from":{{{t}}} } }}""";
                continue;
            }

            var (site, host) = (random.Next(20_000), random.Next(50_000));
            var isOpen = open.TryGetValue((site, host), out var o) && o;
            // Open links are closed or simply re-sent (a duplicate); closed ones reopen.
            var bound = isOpen ? (random.Next(2) == 0 ? "to" : null) : "from";
            open[(site, host)] = bound != "to";
            var (source, target) = ($"site-{site}.example.com", $"srv{host}.dc1.example.net");
            yield return (flat, bound) switch
            {
                (true, null) => $$$"""{"source_label":"Website","source_name":"{{{source}}}","target_label":"Server","target_name":"{{{target}}}"}""",
                (true, _) => $$$"""{"source_label":"Website","source_name":"{{{source}}}","target_label":"Server","target_name":"{{{target}}}","rel_{{{bound}}}":{{{t}}}}""",
                (false, null) => $$$"""{"source":{"label":"Website","name":"{{{source}}}"},"target":{"label":"Server","name":"{{{target}}}"}}""",
                (false, _) => $$$"""{"source":{"label":"Website","name":"{{{source}}}"},"target":{"label":"Server","name":"{{{target}}}"},"rel":{"{{{bound}}}":{{{t}}}}}""",
            };
        }
    }

    public static string WriteFile(string path, int count)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        foreach (var line in Lines(count))
        {
            writer.Write(line);
            writer.Write('\n');
        }

        return path;
    }
}
