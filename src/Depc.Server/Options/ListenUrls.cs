using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Depc.Server.Options;

/// <summary>
/// Checks where <c>depc serve</c> listens (<c>--urls</c>, <c>ASPNETCORE_URLS</c>) before Kestrel reads it: Kestrel takes a port it cannot read (<c>:5x80</c>, <c>:</c>)
/// or a host that is not an address (<c>999.1.1.1</c>) as "any address, port 80", and would serve every interface.
/// </summary>
public static partial class ListenUrls
{
    /// <exception cref="ArgumentException">An address is not <c>http(s)://HOST[:PORT][/PATH]</c> with a host and port Kestrel reads as written.</exception>
    public static void Check(string urls)
    {
        var parts = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            throw new ArgumentException("--urls is empty: give http://HOST:PORT, several separated by ';'");
        }

        foreach (var url in parts)
        {
            if (Problem(url) is { } problem)
            {
                throw new ArgumentException($"--urls '{url}': {problem} (expected http://HOST:PORT or https://HOST:PORT, e.g. {DepcServer.DefaultUrls})");
            }
        }
    }

    private static string? Problem(string url)
    {
        var match = Shape().Match(url);
        if (!match.Success)
        {
            return "not an http or https address";
        }

        var host = match.Groups["host"].Value;
        var port = match.Groups["port"];
        if (port.Success && (port.Value.Length == 0 || !int.TryParse(port.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > 65535))
        {
            return $"the port '{port.Value}' is not a number from 0 to 65535";
        }

        var isAddress = host.StartsWith('[') || host.All(c => char.IsAsciiDigit(c) || c == '.');
        if (isAddress && !IPAddress.TryParse(host.Trim('[', ']'), out _))
        {
            return $"'{host}' is not an IP address";
        }

        return null;
    }

    // A host is a name, an IPv4 address, a bracketed IPv6 address, or * / + (every address); the port may be left out.
    [GeneratedRegex(@"^https?://(?<host>\*|\+|\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::(?<port>[^/]*))?(?:/.*)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
