namespace Depc.Core.Storage;

/// <summary>A relationship event refused by the period table; <c>MessageIndex</c> is the message's position in the batch.</summary>
public sealed record EventRejection(int MessageIndex, string Reason);
