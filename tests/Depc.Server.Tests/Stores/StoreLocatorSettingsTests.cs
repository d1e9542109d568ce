using Depc.Server.Stores;
using Depc.Sqlite;
using Microsoft.Extensions.Configuration;

namespace Depc.Server.Tests.Stores;

/// <summary>The SQLite store's memory settings (<c>Depc:Sqlite:*</c>) as a user gives them.</summary>
public sealed class StoreLocatorSettingsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("depc-locator-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData("MaxPageCacheBytes", "512MB", "Depc:Sqlite:MaxPageCacheBytes '512MB' must be a whole number of bytes")]
    [InlineData("MaxWriteCacheBytes", "-1", "Depc:Sqlite:MaxWriteCacheBytes '-1' must be a whole number of bytes")]
    [InlineData("MaxWriteCacheBytes", "100", "Depc:Sqlite:MaxWriteCacheBytes and Depc:Sqlite:MaxPageCacheBytes must be at least 1024 bytes")]
    public async Task A_bad_memory_setting_is_refused_with_its_name(string key, string value, string message)
    {
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => StoreLocator.OpenAsync(Spec(), Settings(key, value), CancellationToken.None));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "depc.db")));
    }

    [Fact]
    public async Task Memory_settings_in_bytes_open_the_store()
    {
        var store = await StoreLocator.OpenAsync(Spec(), Settings("MaxPageCacheBytes", "536870912"), CancellationToken.None);
        await using (store)
        {
            Assert.IsType<SqliteGraphStore>(store);
            Assert.Empty(await store.GetLabelsAsync(Core.Naming.TeamName.Parse("t"), CancellationToken.None));
        }
    }

    private StoreSpec Spec() => StoreSpec.Parse("sqlite:" + Path.Combine(_folder, "depc.db"));

    private static IConfiguration Settings(string key, string value) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [$"Depc:Sqlite:{key}"] = value }).Build();
}
