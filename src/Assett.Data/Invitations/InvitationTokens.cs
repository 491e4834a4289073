using System.Security.Cryptography;
using System.Text;

namespace Assett.Data.Invitations;

/// <summary>The secret of an invitation link: random, sent once by email; only its SHA-256 is stored.</summary>
public static class InvitationTokens
{
    public static (string Token, string Hash) Create()
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (token, Hash(token));
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
