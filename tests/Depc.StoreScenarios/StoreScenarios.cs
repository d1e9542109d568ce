using Depc.Core.Storage;

namespace Depc.StoreScenarios;

/// <summary>
/// The store conformance suite: the same scenarios and expected graphs for every store. A store's
/// test project derives from this class and supplies a ready store; each scenario uses its own team.
/// </summary>
public abstract partial class StoreScenarios
{
    protected abstract IGraphStore Store { get; }

    protected StoreDriver Driver => new(Store);

    protected static CancellationToken None => CancellationToken.None;
}
