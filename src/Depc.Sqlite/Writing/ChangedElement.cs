namespace Depc.Sqlite.Writing;

/// <summary>
/// What a change-index entry of this store names: a relationship by its two node ids (the writer knows those, not
/// the row's id), or a node by its id with <see cref="Target"/> 0 (row ids start at 1).
/// </summary>
internal readonly record struct ChangedElement(long Source, long Target)
{
    public bool IsNode => Target == 0;

    public static ChangedElement Node(long id) => new(id, 0);
}
