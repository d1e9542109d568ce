using System.Globalization;

namespace Depc.Testing.Processes;

/// <summary>
/// The CPU time (user + system) a process and its live descendants have used, from <c>/proc/PID/stat</c>: a
/// benchmark figure that other load on the machine disturbs far less than elapsed time.
/// </summary>
public static class ProcessorTime
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public static TimeSpan OfTree(int rootProcessId)
    {
        var stats = new Dictionary<int, (int Parent, long Ticks)>();
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

        return TimeSpan.FromSeconds(tree.Sum(pid => stats.TryGetValue(pid, out var s) ? s.Ticks : 0) / TicksPerSecond);
    }

    private static (int Parent, long Ticks)? Read(int processId)
    {
        try
        {
            // "pid (comm) state ppid … utime stime …": the command may hold spaces, so count fields after its ')'.
            var text = File.ReadAllText($"/proc/{processId}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (int.Parse(fields[1], CultureInfo.InvariantCulture), long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
