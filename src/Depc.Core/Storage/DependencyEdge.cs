namespace Depc.Core.Storage;

/// <summary>A <c>DEPENDS_ON</c> relationship between two node ids: <c>DependentId</c> depends on <c>DependencyId</c>.</summary>
public sealed record DependencyEdge(long DependentId, long DependencyId, long[] Periods);
