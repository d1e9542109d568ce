namespace Depc.Core.Storage;

/// <summary>Which names of a label to list: a case-sensitive substring, a limit, random order instead of by name.</summary>
public sealed record NodeListQuery(string? NameContains = null, int? Limit = null, bool Random = false);
