namespace Depc.Sqlite.Tests.Support;

/// <summary>One real SQLite file shared by a test class; every scenario works in its own team.</summary>
public sealed class SqliteStoreFixture : IAsyncLifetime, IDisposable
{
    private readonly TempDatabase _database = new();

    public SqliteGraphStore Store { get; private set; } = null!;

    public async Task InitializeAsync() => Store = await SqliteGraphStore.OpenAsync(_database.Path, CancellationToken.None);

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        Dispose();
    }

    public void Dispose() => _database.Dispose();
}
