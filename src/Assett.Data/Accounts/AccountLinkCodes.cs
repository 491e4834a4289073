using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Assett.Data.Accounts;

/// <summary>Identity's tokens (email confirmation, password reset) as the <c>code</c> of a link, and back.</summary>
public static class AccountLinkCodes
{
    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <summary>The token of a link's code, or null when the code was mangled.</summary>
    public static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code)) return null;
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
