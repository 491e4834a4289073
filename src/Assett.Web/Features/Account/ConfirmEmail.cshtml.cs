using Assett.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assett.Web.Features.Account;

/// <summary>The link of the confirmation email: single use, expiring after 3 days.</summary>
public sealed class ConfirmEmailModel(UserManager<AssettUser> users) : PageModel
{
    public bool Confirmed { get; private set; }

    public async Task OnGetAsync(Guid utilisateur, string? code)
    {
        var user = await users.FindByIdAsync(utilisateur.ToString());
        if (user is null || user.EmailConfirmed || AccountLinkCodes.Decode(code) is not { } token) return;
        Confirmed = (await users.ConfirmEmailAsync(user, token)).Succeeded;
    }
}
