using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Depc.Sqlite.Schema;

/// <summary>
/// Sizes SQLite's page cache from the file: a write seeks the relationships' index by target at random (the other
/// index and the table are written in key order), and that index is about a fifth of the file; the pages walked in
/// key order pass through the same cache. Half the file, up to the ceiling (10M-message bench, system time: 108 s
/// with the former fixed 16 MB, 74 s with a quarter of the file, 127 MB).
/// </summary>
internal static class PageCache
{
    private const long Floor = 16L * 1024 * 1024;

    /// <summary>Sets the connection's cache for the file as it is now; returns the file's size and the cache's, in bytes.</summary>
    public static (long FileBytes, long CacheBytes) Fit(SqliteConnection connection, long ceiling)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_count; PRAGMA page_size;";
        long pages, pageSize;
        using (var reader = command.ExecuteReader())
        {
            reader.Read();
            pages = reader.GetInt64(0);
            reader.NextResult();
            reader.Read();
            pageSize = reader.GetInt64(0);
        }

        var fileBytes = pages * pageSize;
        var cacheBytes = Math.Clamp(fileBytes / 2, Math.Min(Floor, ceiling), ceiling);
        // A negative cache_size is in KiB, whatever the page size.
        command.CommandText = $"PRAGMA cache_size = -{(cacheBytes / 1024).ToString(CultureInfo.InvariantCulture)};";
        command.ExecuteNonQuery();
        return (fileBytes, cacheBytes);
    }
}
