using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Depc.Core.Messages;

namespace Depc.Bench;

/// <summary>Decode + validate on one core, next to a bare Utf8JsonReader token walk of the same bytes (the limit).</summary>
internal static class DecodeBench
{
    public static void Run(int count, TextWriter output)
    {
        var lines = Corpus.Lines(count).Select(Encoding.UTF8.GetBytes).ToArray();
        var bytes = lines.Sum(l => (long)l.Length);
        var decoder = new MessageDecoder();

        // Warm-up, so the JIT's tiers are not measured.
        Walk(lines.AsSpan(0, Math.Min(50_000, count)));
        Decode(decoder, lines.AsSpan(0, Math.Min(50_000, count)));

        var walk = Time(() => Walk(lines));
        var valid = 0;
        var decode = Time(() => valid = Decode(decoder, lines));

        output.WriteLine($"decode: {count:N0} messages, {bytes / 1e6:F1} MB, {valid:N0} valid");
        output.WriteLine($"  Utf8JsonReader token walk (limit): {count / walk.TotalSeconds,12:N0} msg/s {bytes / 1e6 / walk.TotalSeconds,8:F0} MB/s");
        output.WriteLine($"  MessageDecoder decode + validate:  {count / decode.TotalSeconds,12:N0} msg/s {bytes / 1e6 / decode.TotalSeconds,8:F0} MB/s");
        output.WriteLine($"  ratio decode / walk: {walk.TotalSeconds / decode.TotalSeconds:P0}");
    }

    private static int Walk(ReadOnlySpan<byte[]> lines)
    {
        var tokens = 0;
        foreach (var line in lines)
        {
            var reader = new Utf8JsonReader(line);
            while (reader.Read())
            {
                tokens++;
            }
        }

        return tokens;
    }

    private static int Decode(MessageDecoder decoder, ReadOnlySpan<byte[]> lines)
    {
        var valid = 0;
        foreach (var line in lines)
        {
            if (decoder.Decode(line).IsValid)
            {
                valid++;
            }
        }

        return valid;
    }

    internal static TimeSpan Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed;
    }
}
