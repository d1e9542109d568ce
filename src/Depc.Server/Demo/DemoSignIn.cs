namespace Depc.Server.Demo;

/// <summary>
/// The demo team's token once <see cref="DemoSeeder"/> has made it, for <c>depc serve --demo</c> to print as a sign-in
/// link. Never logged: logs are shipped elsewhere, the link is for the person at the console.
/// </summary>
public sealed class DemoSignIn
{
    private volatile string? _token;

    public string? Token => _token;

    internal void Set(string token) => _token = token;

    /// <summary>The page's address that signs in with the demo token (the token travels in the fragment, never to a server log).</summary>
    public static string Link(string baseAddress, string token) => baseAddress.TrimEnd('/') + "/#token=" + Uri.EscapeDataString(token);
}
