using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Depc.Server.Auth;

/// <summary>Team tokens: <c>depc_</c> + 32 random bytes in base64url. Only their SHA-256 is ever stored.</summary>
internal static class TokenFormat
{
    public const string Prefix = "depc_";

    public static string NewToken() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string token)
    {
        var hash = new byte[SHA256.HashSizeInBytes];
        Span<byte> utf8 = token.Length <= 256 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(token.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(token.Length)];
        var n = Encoding.UTF8.GetBytes(token, utf8);
        SHA256.HashData(utf8[..n], hash);
        return hash;
    }
}
