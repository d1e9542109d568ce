using System.Globalization;

namespace Depc.Core.Storage;

/// <summary>A partition's position as the store holds it: the next offset to apply, -1 when none was ever written.</summary>
public sealed record StoredPosition(string Topic, int Partition, long Next)
{
    public static string KeyOf(string group, string topic, int partition) =>
        string.Create(CultureInfo.InvariantCulture, $"{topic}/{partition}/{group}");
}
