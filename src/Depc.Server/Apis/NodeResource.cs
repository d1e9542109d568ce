namespace Depc.Server.Apis;

/// <summary>What a <c>GET …/nodes/{**node}</c> path asks for, told by its last segments.</summary>
internal enum NodeResource
{
    Node,
    Count,
    Impacted,
    ImpactedCount,
    ImpactedAll,

    /// <summary><c>…/impacted/why</c>: the witness chain of one impacted node.</summary>
    ImpactedWhy,

    /// <summary><c>…/history</c>: the node's timeline.</summary>
    History,
}
