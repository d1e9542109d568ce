namespace Depc.Server.Stores;

/// <summary>The embedded store: one SQLite file, which also holds team credentials and the rejection feed.</summary>
public sealed record SqliteStoreSpec(string Path) : StoreSpec
{
    public override string ToString() => SqlitePrefix + Path;
}
