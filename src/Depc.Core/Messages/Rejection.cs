namespace Depc.Core.Messages;

/// <summary>
/// Why a message was refused: the field as a JSON path (<c>$.source.label</c>, or <c>$</c> for the
/// whole message) and the rule it broke, in words a producer understands.
/// </summary>
public sealed record Rejection(string Field, string Rule)
{
    public string Reason => Field + " " + Rule;

    public override string ToString() => Reason;
}
