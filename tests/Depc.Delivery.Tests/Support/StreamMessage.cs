namespace Depc.Delivery.Tests.Support;

/// <summary>One message of a test stream: the partition it goes to, its JSON, and its record timestamp (its "now").</summary>
internal sealed record StreamMessage(int Partition, string Json, DateTimeOffset Timestamp);
