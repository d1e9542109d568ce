namespace Depc.Server.Tests.Support;

public static class TempDatabaseFile
{
    public static string NewPath() => Path.Combine(Path.GetTempPath(), $"depc-server-tests-{Guid.NewGuid():N}.db");

    public static void Delete(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // A pooled connection may still hold it; the temp folder is cleaned eventually.
            }
        }
    }
}
