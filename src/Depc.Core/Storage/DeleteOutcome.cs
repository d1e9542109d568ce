namespace Depc.Core.Storage;

public enum DeleteOutcome
{
    Deleted,
    NotFound,

    /// <summary>The node still has relationships and <c>detach</c> was not asked.</summary>
    HasRelationships,
}
