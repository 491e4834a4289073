using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Assett.Web.Features.Account;

/// <summary>
/// Against guessing passwords and flooding mailboxes, the account forms (sign-in, registration,
/// password reset) are limited twice: 10 posts a minute per address, by the policy the pages declare
/// (<c>[EnableRateLimiting(AccountFormLimits.Policy)]</c>, so no spelling of the path escapes it), and
/// 10 posts per 15 minutes per account, which the handlers check once they have read the address.
/// The counts are per web host.
/// </summary>
public sealed class AccountFormLimits : IDisposable
{
    public const string Policy = "account-forms";

    public const string Refusal = "Trop de tentatives pour cette adresse : réessayez dans un quart d’heure.";

    private readonly PartitionedRateLimiter<string> _perAccount = PartitionedRateLimiter.Create<string, string>(account =>
        RateLimitPartition.GetFixedWindowLimiter(account, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = 10, Window = TimeSpan.FromMinutes(15), QueueLimit = 0,
        }));

    public static void AddPolicy(RateLimiterOptions options) => options.AddPolicy(Policy, context =>
        HttpMethods.IsPost(context.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter($"address:{context.Connection.RemoteIpAddress}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter(""));

    /// <summary>False when this account has had its share of posts.</summary>
    public bool TryPostFor(string email)
    {
        using var lease = _perAccount.AttemptAcquire(email.Trim().ToLowerInvariant());
        return lease.IsAcquired;
    }

    /// <summary>
    /// True when the page must refuse this post: the account has had its share. The page answers 429
    /// with <see cref="Refusal"/> next to the address field, and the form as typed.
    /// </summary>
    public bool Refuses(PageModel page, string email, string field)
    {
        if (TryPostFor(email)) return false;
        page.ModelState.AddModelError(field, Refusal);
        page.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        return true;
    }

    public void Dispose() => _perAccount.Dispose();
}
