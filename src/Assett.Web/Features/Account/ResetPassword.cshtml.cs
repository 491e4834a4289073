using System.ComponentModel.DataAnnotations;
using Assett.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Authorization;

namespace Assett.Web.Features.Account;

/// <summary>
/// The link of the reset email: choose a new password, once. Following it proves the mailbox is
/// the person's, so an address never confirmed is confirmed then: whoever registered it without
/// owning it loses it (the reset also ends their sessions).
/// </summary>
[AllowAnonymous]
public sealed class ResetPasswordModel(UserManager<AssettUser> users) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Utilisateur { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Choisissez un mot de passe.")]
    [DataType(DataType.Password)]
    [Display(Name = "Nouveau mot de passe")]
    public string Password { get; set; } = "";

    public bool Done { get; private set; }
    public bool Invalid { get; private set; }

    public void OnGet() => Invalid = string.IsNullOrEmpty(Code);

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var user = await users.FindByIdAsync(Utilisateur.ToString());
        if (user is null || AccountLinkCodes.Decode(Code) is not { } token)
        {
            Invalid = true;
            return Page();
        }
        var result = await users.ResetPasswordAsync(user, token, Password);
        if (result.Succeeded)
        {
            await users.SetLockoutEndDateAsync(user, null);
            if (!user.EmailConfirmed)
            {
                user.EmailConfirmed = true;
                await users.UpdateAsync(user);
            }
            Done = true;
            return Page();
        }
        foreach (var error in result.Errors)
        {
            if (error.Code == nameof(IdentityErrorDescriber.InvalidToken)) Invalid = true;
            else ModelState.AddModelError(nameof(Password), error.Description);
        }
        return Page();
    }
}
