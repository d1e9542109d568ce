using System.Globalization;

namespace Depc.Testing.Processes;

/// <summary>A process's resident memory (<c>VmRSS</c>) and its peak (<c>VmHWM</c>), read from <c>/proc/PID/status</c>.</summary>
public static class ResidentMemory
{
    /// <summary>Current resident bytes; null once the process is gone.</summary>
    public static long? Current(int processId) => Read(processId, "VmRSS:");

    /// <summary>Peak resident bytes since the process started; null once it is gone.</summary>
    public static long? Peak(int processId) => Read(processId, "VmHWM:");

    private static long? Read(int processId, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{processId}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    // "VmRSS:	  123456 kB"
                    var kb = line[field.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
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
