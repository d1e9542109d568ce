namespace Depc.Server.Apis;

/// <summary>What a <c>GET …/nodes/{**node}</c> path asks for, told by its last segments.</summary>
internal enum NodeResource
{
    Node,
    Count,
    Impacted,
    ImpactedCount,
    ImpactedAll,
}
