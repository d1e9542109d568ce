using System.Globalization;

namespace Depc.Kafka.Consuming;

/// <summary>Where a Kafka message came from, as written in rejection reports: <c>depc.acme/2@1234</c>.</summary>
internal static class KafkaOrigin
{
    public static string Format(string topic, int partition, long offset) =>
        string.Create(CultureInfo.InvariantCulture, $"{topic}/{partition}@{offset}");

    /// <summary>Reads back what <see cref="Format"/> wrote (topic names cannot hold '/' or '@').</summary>
    public static bool TryParse(string origin, out string topic, out int partition, out long offset)
    {
        var slash = origin.LastIndexOf('/');
        var at = origin.LastIndexOf('@');
        partition = -1;
        offset = -1;
        topic = slash > 0 ? origin[..slash] : "";
        return slash > 0
            && at > slash
            && int.TryParse(origin.AsSpan(slash + 1, at - slash - 1), NumberStyles.None, CultureInfo.InvariantCulture, out partition)
            && long.TryParse(origin.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
    }
}
