using System.Globalization;

namespace Depc.Delivery.Tests.Support;

/// <summary>
/// What producers really send, deterministic for a seed: services re-sending their topology without <c>rel</c> (so
/// <c>from</c> is the record's timestamp), closes, late closes (a <c>to</c> older than what followed it: refused or
/// not depending on order), explicit periods, node bounds, a second target, and invalid messages, over many
/// partitions. Each service's messages go to one partition in time order, and only a service node gets bounds, so any
/// interleaving of partitions gives the same graph and counts: the graph of a run never killed is the reference.
/// </summary>
internal static class TopologyStream
{
    public static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_704_067_200);

    public static List<StreamMessage> Generate(int partitions, int services, int ticks, int seed)
    {
        var random = new Random(seed);
        var stream = new List<StreamMessage>(services * ticks);
        for (var tick = 0; tick < ticks; tick++)
        {
            for (var s = 0; s < services; s++)
            {
                var at = Start.AddSeconds((tick * 60) + s);
                var ts = at.ToUnixTimeSeconds();
                var source = $"svc-{s}";
                var target = $"db-{s % 5}";
                var roll = random.Next(100);
                var json = roll switch
                {
                    < 40 => Resend(source, target, flat: random.Next(2) == 0),
                    < 55 => Rel(source, target, $"\"to\": {ts - 1}"),
                    < 65 => Rel(source, target, $"\"to\": {ts - 90}"),
                    < 75 => Rel(source, target, $"\"from\": {ts - 30}, \"to\": {ts - 20}"),
                    < 83 => Bounds(source, tick),
                    < 93 => Resend(source, $"cache-{s}", flat: false),
                    < 96 => "{\"source\": {\"label\": \"Service\", \"name\": " + source,
                    _ => $$$"""{"source": {"label": "service", "name": "{{{source}}}"}}""",
                };
                stream.Add(new StreamMessage(s % partitions, json, at));
            }
        }

        return stream;
    }

    private static string Resend(string source, string target, bool flat) => flat
        ? $$$"""{"source_label": "Service", "source_name": "{{{source}}}", "target_label": "Store", "target_name": "{{{target}}}"}"""
        : $$$"""{"source": {"label": "Service", "name": "{{{source}}}"}, "target": {"label": "Store", "name": "{{{target}}}"}}""";

    private static string Rel(string source, string target, string rel) =>
        $$$"""{"source": {"label": "Service", "name": "{{{source}}}"}, "target": {"label": "Store", "name": "{{{target}}}"}, "rel": {{{{rel}}}}}""";

    private static string Bounds(string source, int tick) => string.Create(
        CultureInfo.InvariantCulture,
        $$$"""{"source_label": "Service", "source_name": "{{{source}}}", "source_from": {{{tick}}}, "source_to": {{{10_000 + tick}}}}""");
}
