using Assett.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Assett.Web.Features.Account;

/// <summary>The link of the confirmation email: single use, expiring after 3 days.</summary>
public sealed class ConfirmEmailModel(UserManager<AssettUser> users) : PageModel
{
    public bool Confirmed { get; private set; }

    public async Task OnGetAsync(Guid utilisateur, string? code)
    {
        var user = await users.FindByIdAsync(utilisateur.ToString());
        if (user is null || string.IsNullOrEmpty(code) || user.EmailConfirmed) return;
        string token;
        try
        {
            token = System.Text.Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return;
        }
        Confirmed = (await users.ConfirmEmailAsync(user, token)).Succeeded;
    }
}
