using System.Globalization;

namespace Depc.Kafka.Consuming;

/// <summary>Where a Kafka message came from, as written in rejection reports: <c>depc.acme/2@1234</c>.</summary>
internal static class KafkaOrigin
{
    public static string Format(string topic, int partition, long offset) =>
        string.Create(CultureInfo.InvariantCulture, $"{topic}/{partition}@{offset}");
}
