using Depc.Core.Naming;

namespace Depc.Kafka.DeadLetters;

/// <summary>A rejected message to forward: its full payload, where it came from, and why.</summary>
internal sealed record DeadLetter(TeamName Team, ReadOnlyMemory<byte> Payload, string SourceTopic, int SourcePartition, long SourceOffset, string Reason);
