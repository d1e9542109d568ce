namespace Depc.Server.Auth;

internal static class DepcClaims
{
    public const string Scheme = "DepcBearer";
    public const string Team = "depc:team";
    public const string AdminRole = "admin";
}
