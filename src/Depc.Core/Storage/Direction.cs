namespace Depc.Core.Storage;

public enum Direction
{
    /// <summary>What the node depends on (outgoing <c>DEPENDS_ON</c>).</summary>
    Dependencies,

    /// <summary>Who depends on the node (incoming <c>DEPENDS_ON</c>).</summary>
    Dependents,
}
