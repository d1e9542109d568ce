namespace Depc.Core.Messages;

/// <summary>A node named by a message; a null <c>From</c>/<c>To</c> leaves the stored value unchanged.</summary>
public sealed record NodeSpec(string Label, string Name, long? From = null, long? To = null);
