using Assett.Data;
using Assett.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Assett.Web.Features.Account;

/// <summary>
/// ASP.NET Core Identity for browser sessions: one account per email, confirmed before signing in,
/// locked for 15 minutes after 5 failures, in a secure HTTP-only cookie.
/// </summary>
public static class AccountSetup
{
    public const string SignInPath = "/connexion";

    /// <summary>What a locked account is told, whichever way it signs in.</summary>
    public const string LockedOut = "Votre compte est verrouillé après plusieurs essais infructueux. Réessayez dans 15 minutes.";

    public static IServiceCollection AddAssettAccounts(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddIdentity<AssettUser, IdentityRole<Guid>>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedEmail = true;
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<AssettDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<FrenchIdentityErrors>();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "assett";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = environment.IsDevelopment() || environment.IsEnvironment("Testing")
                ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            cookie.LoginPath = SignInPath;
            cookie.LogoutPath = "/deconnexion";
            // A wrong role gets 403 and the French error page, not a redirect.
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            // Identity's check of the security stamp, only when it is due (every 30 minutes of a cookie's life): resolving the
            // validator builds the sign-in and user managers with their stores, on every request otherwise.
            cookie.Events.OnValidatePrincipal = context =>
            {
                var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
                var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
                var due = context.Properties.IssuedUtc is not { } issued || now - issued > options.ValidationInterval;
                return due ? SecurityStampValidator.ValidatePrincipalAsync(context) : Task.CompletedTask;
            };
        });
        services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = TimeSpan.FromDays(3));
        return services;
    }
}

/// <summary>Identity's messages in French, for the people who read them.</summary>
public sealed class FrenchIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = $"Le mot de passe doit compter au moins {length} caractères." };
    public override IdentityError PasswordRequiresDigit() =>
        new() { Code = nameof(PasswordRequiresDigit), Description = "Le mot de passe doit contenir au moins un chiffre." };
    public override IdentityError PasswordRequiresLower() =>
        new() { Code = nameof(PasswordRequiresLower), Description = "Le mot de passe doit contenir au moins une minuscule." };
    public override IdentityError PasswordRequiresUpper() =>
        new() { Code = nameof(PasswordRequiresUpper), Description = "Le mot de passe doit contenir au moins une majuscule." };
    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = $"Un compte existe déjà pour {email} : connectez-vous." };
    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = $"Un compte existe déjà pour {userName} : connectez-vous." };
    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = $"L’adresse « {email} » n’est pas une adresse électronique valide." };
    public override IdentityError InvalidToken() =>
        new() { Code = nameof(InvalidToken), Description = "Ce lien n’est plus valable : il a expiré ou a déjà servi." };
}
