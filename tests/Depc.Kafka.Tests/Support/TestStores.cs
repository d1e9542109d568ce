using Depc.Sqlite;

namespace Depc.Kafka.Tests.Support;

/// <summary>Real SQLite files in a per-test temporary folder.</summary>
internal sealed class TestStores : IDisposable
{
    private readonly List<SqliteGraphStore> _stores = [];

    public string Folder { get; } = Directory.CreateTempSubdirectory("depc-kafka-").FullName;

    public string PathOf(string name) => Path.Combine(Folder, name + ".db");

    public async Task<SqliteGraphStore> OpenAsync(string name, TimeSpan? busyTimeout = null)
    {
        var store = new SqliteGraphStore(new SqliteStoreOptions { Path = PathOf(name), BusyTimeout = busyTimeout ?? TimeSpan.FromSeconds(5) });
        await store.InitializeAsync(CancellationToken.None);
        _stores.Add(store);
        return store;
    }

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind harms nothing.
        }
    }
}
