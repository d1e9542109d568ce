namespace Depc.Sqlite.Tests.Support;

/// <summary>A fresh SQLite file in its own temporary folder, removed with everything beside it.</summary>
public sealed class TempDatabase : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("depc-sqlite-").FullName;

    public string Path => System.IO.Path.Combine(_folder, "depc.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
