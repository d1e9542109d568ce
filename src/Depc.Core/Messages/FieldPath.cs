namespace Depc.Core.Messages;

/// <summary>
/// A JSON path kept as segments and joined only when a rejection needs it, so that decoding a
/// valid message allocates no path strings.
/// </summary>
internal readonly record struct FieldPath(string Root, string First, string? Second = null, string? Third = null)
{
    public FieldPath Child(string name) =>
        Second is null ? this with { Second = name } : this with { Third = name };

    public override string ToString() =>
        Third is not null ? $"{Root}.{First}.{Second}.{Third}"
        : Second is not null ? $"{Root}.{First}.{Second}"
        : $"{Root}.{First}";
}
