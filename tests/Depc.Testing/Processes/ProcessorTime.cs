using System.Globalization;

namespace Depc.Testing.Processes;

/// <summary>
/// The processor time (user + system) a process has used, read from <c>/proc/PID/stat</c>: a benchmark figure that
/// other load on the machine disturbs far less than elapsed time.
/// </summary>
public static class ProcessorTime
{
    // Linux reports both in clock ticks of USER_HZ, which is 100 on every architecture .NET runs on.
    private const double TicksPerSecond = 100;

    /// <summary>User and system time so far; null once the process is gone.</summary>
    public static (TimeSpan User, TimeSpan System)? Of(int processId) =>
        Read(processId) is { } stat ? (Seconds(stat.User), Seconds(stat.System)) : null;

    /// <summary>User + system time of a process and its live descendants.</summary>
    public static TimeSpan OfTree(int rootProcessId)
    {
        var stats = new Dictionary<int, (int Parent, long User, long System)>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Read(pid) is { } stat)
            {
                stats[pid] = stat;
            }
        }

        var tree = new HashSet<int> { rootProcessId };
        for (var grown = true; grown;)
        {
            grown = false;
            foreach (var (pid, stat) in stats)
            {
                grown |= tree.Contains(stat.Parent) && tree.Add(pid);
            }
        }

        return Seconds(tree.Sum(pid => stats.TryGetValue(pid, out var s) ? s.User + s.System : 0));
    }

    private static TimeSpan Seconds(long ticks) => TimeSpan.FromSeconds(ticks / TicksPerSecond);

    private static (int Parent, long User, long System)? Read(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            // "pid (comm) state ppid … utime stime …": the command may hold spaces, so count fields after its ')'.
            // Fields 4, 14 and 15 of the whole line (ppid, utime, stime) are 1, 11 and 12 after the name.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (
                int.Parse(fields[1], CultureInfo.InvariantCulture),
                long.Parse(fields[11], CultureInfo.InvariantCulture),
                long.Parse(fields[12], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            // The process ended meanwhile.
        }
        catch (UnauthorizedAccessException)
        {
            // Likewise: /proc entries of a reaped process vanish.
        }

        return null;
    }
}
