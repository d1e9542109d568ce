using System.Globalization;

namespace Depc.Testing.Processes;

/// <summary>The processor time a process has used (user + system), read from <c>/proc/PID/stat</c>.</summary>
public static class ProcessorTime
{
    // Linux reports both in clock ticks of USER_HZ, which is 100 on every architecture .NET runs on.
    private const double TicksPerSecond = 100;

    /// <summary>User and system time so far; null once the process is gone.</summary>
    public static (TimeSpan User, TimeSpan System)? Of(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // Fields 14 and 15 (utime, stime) of the whole line are 12 and 13 after the name.
            var user = long.Parse(fields[11], CultureInfo.InvariantCulture);
            var system = long.Parse(fields[12], CultureInfo.InvariantCulture);
            return (TimeSpan.FromSeconds(user / TicksPerSecond), TimeSpan.FromSeconds(system / TicksPerSecond));
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
